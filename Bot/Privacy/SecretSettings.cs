using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>
/// A secret setting (a token, an app secret) given either as a value in the environment or as a file only the service
/// can read: <c>X</c> or <c>XFile</c>. A file may be a systemd credential (<c>%d/name</c>), which
/// <c>LoadCredentialEncrypted=</c> can keep sealed on the disk. The secret is never logged or written anywhere.
/// </summary>
internal static class SecretSettings
{
    /// <summary>Reads one secret, adding a line that names the setting to <paramref name="problems"/> when it is missing,
    /// unreadable, readable by others or not of its <paramref name="shape"/>.</summary>
    /// <param name="setting">The setting's name as an operator writes it, e.g. <c>Telegram:BotToken</c>.</param>
    /// <returns>The secret, or an empty string when a problem was added.</returns>
    public static string Read(string setting, string? value, string? file, Regex pattern, string shape, List<string> problems)
    {
        string secret;
        if (!string.IsNullOrWhiteSpace(value))
        {
            secret = value.Trim();
        }
        else if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
            {
                problems.Add($"{setting}File '{file}' does not exist.");
                return "";
            }
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                problems.Add($"{setting}File '{file}' can be read by others; run chmod 600 on it.");
                return "";
            }
            secret = File.ReadAllText(file).Trim();
        }
        else
        {
            problems.Add($"No {setting} configured: set the environment variable {setting.Replace(":", "__", StringComparison.Ordinal)} or the setting {setting}File.");
            return "";
        }
        if (!pattern.IsMatch(secret))
        {
            problems.Add($"{setting} is not {shape}.");
            return "";
        }
        return secret;
    }
}
