using Microsoft.Extensions.Options;

namespace CommunityBot;

/// <summary>A configuration the bot must not run with (a flow, a letter template, a phrase file, a setting). Start-up
/// stops with its message, and the program exits with <see cref="Verbs.ExitCodes.Configuration"/>.</summary>
internal abstract class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Settings that failed their validators (<c>ValidateOnStart</c>), with every validator's messages, one a line.</summary>
internal sealed class SettingsException(IReadOnlyList<OptionsValidationException> failures)
    : ConfigurationException(string.Join(Environment.NewLine, failures.SelectMany(failure => failure.Failures)), failures[0])
{
    /// <summary>The settings' failures <paramref name="exception"/> holds (the host throws one alone, or several
    /// together in an <see cref="AggregateException"/>); null when it is about something else.</summary>
    public static SettingsException? Of(Exception exception) => exception switch
    {
        OptionsValidationException one => new SettingsException([one]),
        AggregateException { InnerExceptions: var all } when all.Count > 0 && all.All(e => e is OptionsValidationException) =>
            new SettingsException([.. all.Cast<OptionsValidationException>()]),
        _ => null,
    };
}
