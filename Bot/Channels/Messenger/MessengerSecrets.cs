using System.Text;
using System.Text.RegularExpressions;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Messenger;

/// <summary>The channel's three secrets, read once at start-up from the environment or from files only the service
/// can read. None of them is ever logged or written anywhere.</summary>
internal sealed partial record MessengerSecrets(byte[] AppSecret, string VerifyToken, string PageAccessToken)
{
    public override string ToString() => "(messenger secrets)";

    /// <exception cref="InvalidOperationException">One or more secrets are missing or malformed; the message names each
    /// setting.</exception>
    public static MessengerSecrets Read(MessengerOptions options)
    {
        var problems = new List<string>();
        var appSecret = One(options.AppSecret, options.AppSecretFile, "AppSecret", AppSecretPattern(),
            "32 hexadecimal characters (the app's \"App secret\" under App settings → Basic)", problems);
        var verifyToken = One(options.VerifyToken, options.VerifyTokenFile, "VerifyToken", VerifyTokenPattern(),
            "16 to 256 characters of A–Z, a–z, 0–9, _, - and . (a random string of your own, also typed into Meta's webhook form)", problems);
        var pageToken = One(options.PageAccessToken, options.PageAccessTokenFile, "PageAccessToken", PageTokenPattern(),
            "a Page access token as Meta gives it (it starts with EAA)", problems);
        return problems.Count > 0
            ? throw new InvalidOperationException(string.Join(Environment.NewLine, problems))
            : new MessengerSecrets(Encoding.UTF8.GetBytes(appSecret), verifyToken, pageToken);
    }

    private static string One(string? value, string? file, string name, Regex pattern, string shape, List<string> problems) =>
        SecretSettings.Read($"{MessengerOptions.Section}:{name}", value, file, pattern, shape, problems);

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex AppSecretPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{16,256}$")]
    private static partial Regex VerifyTokenPattern();

    [GeneratedRegex("^EAA[A-Za-z0-9]{40,}$")]
    private static partial Regex PageTokenPattern();
}

/// <summary>Refuses a Messenger configuration the service cannot run with, naming each setting.</summary>
internal sealed partial class MessengerOptionsValidator : IValidateOptions<MessengerOptions>
{
    public ValidateOptionsResult Validate(string? name, MessengerOptions options)
    {
        var problems = new List<string>();
        try
        {
            MessengerSecrets.Read(options);
        }
        catch (InvalidOperationException ex)
        {
            problems.AddRange(ex.Message.Split(Environment.NewLine));
        }
        for (var i = 0; i < options.Communities.Count; i++)
        {
            if (!LinkTokenPattern().IsMatch(options.Communities[i].LinkToken) || string.IsNullOrWhiteSpace(options.Communities[i].Key))
            {
                problems.Add($"Messenger:Communities:{i} needs a Key and a LinkToken of 1-64 characters of A-Z, a-z, 0-9, _ and -.");
            }
        }
        foreach (var twice in options.Communities.GroupBy(c => c.LinkToken, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Messenger:Communities: LinkToken '{twice.Key}' is used by more than one community.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex LinkTokenPattern();
}
