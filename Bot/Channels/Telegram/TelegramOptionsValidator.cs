using System.Text.RegularExpressions;
using CommunityBot.Privacy;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>Refuses a configuration the service cannot run with, naming the setting.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var problems = new List<string>();
        try
        {
            BotToken.Read(options);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }
        for (var i = 0; i < options.Communities.Count; i++)
        {
            var community = options.Communities[i];
            var setting = $"Telegram:Communities:{i}";
            if (community.ChatId >= 0)
            {
                problems.Add($"{setting}:ChatId must be a group's chat id (negative), not {community.ChatId}.");
            }
            if (string.IsNullOrWhiteSpace(community.Key) || string.IsNullOrWhiteSpace(community.Name))
            {
                problems.Add($"{setting}: Key and Name are required.");
            }
            if (!CommunityLinks.IsLinkToken(community.LinkToken))
            {
                problems.Add($"{setting}:LinkToken must be 1-64 characters of A-Z, a-z, 0-9, _ and -.");
            }
        }
        Duplicates(options.Communities.Select(c => c.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ChatId", problems);
        Duplicates(options.Communities.Select(c => c.Key), "Key", problems);
        Duplicates(options.Communities.Select(c => c.LinkToken), "LinkToken", problems);
        if (options.ModeratorsChatId is { } moderators && options.Communities.Any(c => c.ChatId == moderators))
        {
            problems.Add("Telegram:ModeratorsChatId must not be one of the community groups.");
        }
        if (options.ActivistsChatId is { } activists)
        {
            if (activists >= 0)
            {
                problems.Add($"Telegram:ActivistsChatId must be a group's chat id (negative), not {activists}.");
            }
            if (options.Communities.Any(c => c.ChatId == activists))
            {
                // Every member of a community group would become an activist.
                problems.Add("Telegram:ActivistsChatId must not be one of the community groups.");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Duplicates(IEnumerable<string> values, string setting, List<string> problems)
    {
        foreach (var twice in values.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            problems.Add($"Telegram:Communities: {setting} '{twice.Key}' is used by more than one community.");
        }
    }
}

/// <summary>Where the bot token comes from. It is never logged and never written anywhere.</summary>
internal static partial class BotToken
{
    public static string Read(TelegramOptions options)
    {
        var problems = new List<string>();
        var token = SecretSettings.Read($"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}", options.BotToken, options.BotTokenFile,
            TokenPattern(), "in the form BotFather gives (digits, a colon, then at least 30 characters)", problems);
        return problems.Count == 0 ? token : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$")]
    private static partial Regex TokenPattern();
}
