using System.Net;
using System.Text.RegularExpressions;
using CommunityBot.Privacy;
using CommunityBot.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram.Webhook;

/// <summary>Telegram's webhook instead of long polling (<c>Telegram:Webhook</c>): Telegram posts each update to
/// <see cref="Url"/>, which a reverse proxy with TLS passes, path unchanged, to the service's web server. Off unless
/// <see cref="Url"/> is set. The secret token never lives in a settings file in the repository: set
/// <c>Telegram__Webhook__SecretToken</c> in the environment, or point <see cref="SecretTokenFile"/> at a file only the
/// service can read.</summary>
internal sealed class TelegramWebhookOptions
{
    public const string Setting = $"{TelegramOptions.Section}:Webhook";

    /// <summary>The public address Telegram posts to, e.g. <c>https://bot.example.org/telegram/updates</c>. Its path
    /// (<c>/telegram/</c> and a name of your own) is the path the web server answers on.</summary>
    public Uri? Url { get; set; }

    public string? SecretToken { get; set; }

    public string? SecretTokenFile { get; set; }

    /// <summary>How many posts Telegram makes at once (1–100). Each waits until its update is stored, so this bounds
    /// the updates in hand.</summary>
    public int MaxConnections { get; set; } = 40;

    /// <summary>How often Telegram is asked whether the webhook is still set and delivers without errors (the health
    /// check reads the answer).</summary>
    public TimeSpan InfoCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the answer to a button press goes with the answer to Telegram's post of it (one request
    /// fewer per press) rather than as a call of its own. Telegram's Bot API runs it; turn it off for a Bot API server
    /// that does not run a method given in a webhook's answer (the press's spinner would then turn until it gives up).</summary>
    public bool AnswerPressesInReply { get; set; } = true;

    public bool Enabled => Url is not null;

    /// <summary>The path the web server answers Telegram's posts on.</summary>
    public string Path => Url?.AbsolutePath ?? "";
}

/// <summary>Where the webhook's secret token comes from. It is never logged and never written anywhere.</summary>
internal static partial class WebhookSecret
{
    private const string Shape = "1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for a webhook's secret token)";

    /// <exception cref="InvalidOperationException">The token is missing or malformed; the message names the setting.</exception>
    public static string Read(TelegramWebhookOptions options)
    {
        var problems = new List<string>();
        var token = SecretSettings.Read($"{TelegramWebhookOptions.Setting}:SecretToken", options.SecretToken, options.SecretTokenFile, TokenPattern(), Shape, problems);
        return problems.Count == 0 ? token : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TokenPattern();
}

/// <summary>Refuses a webhook configuration the service cannot run with, naming the setting: an address Telegram
/// would not post to, a missing or malformed secret, or the web server off.</summary>
internal sealed partial class TelegramWebhookValidator(IConfiguration configuration) : IValidateOptions<TelegramOptions>
{
    /// <summary>The ports Telegram posts to.</summary>
    private static readonly int[] TelegramPorts = [443, 80, 88, 8443];

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var webhook = options.Webhook;
        if (webhook.Url is not { } url)
        {
            return ValidateOptionsResult.Success;
        }
        var setting = TelegramWebhookOptions.Setting;
        var problems = new List<string>();
        // Plain http only for a loopback address: a local Bot API server, or the tests' fake one.
        var loopback = url.IsAbsoluteUri && (url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
        if (!url.IsAbsoluteUri || !(url.Scheme == Uri.UriSchemeHttps || (loopback && url.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add($"{setting}:Url must be the public https:// address your reverse proxy serves, e.g. https://bot.example.org/telegram/updates.");
        }
        else
        {
            if (!PathPattern().IsMatch(url.AbsolutePath) || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                problems.Add($"{setting}:Url's path must be /telegram/ and a name of 1-64 characters of A-Z, a-z, 0-9, _ and - (no query), e.g. /telegram/updates.");
            }
            if (!loopback && !TelegramPorts.Contains(url.Port))
            {
                problems.Add($"{setting}:Url's port must be one Telegram posts to: 443, 80, 88 or 8443.");
            }
        }
        try
        {
            WebhookSecret.Read(webhook);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }
        if (webhook.MaxConnections is < 1 or > 100)
        {
            problems.Add($"{setting}:MaxConnections must be 1-100, not {webhook.MaxConnections}.");
        }
        if (webhook.InfoCheckInterval < TimeSpan.FromMilliseconds(100))
        {
            problems.Add($"{setting}:InfoCheckInterval must be at least 100 ms (a minute is plenty).");
        }
        if (string.IsNullOrWhiteSpace(configuration[$"{WebOptions.Section}:{nameof(WebOptions.Urls)}"]))
        {
            problems.Add($"{setting}:Url is set, so Telegram posts updates to this service, but its web server is off: " +
                $"set {WebOptions.Section}:Urls (e.g. http://127.0.0.1:8080) for the reverse proxy to pass them to, or remove {setting}:Url to poll Telegram instead.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^/telegram/[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PathPattern();
}
