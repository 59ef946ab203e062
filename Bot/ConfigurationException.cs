using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace CommunityBot;

/// <summary>A configuration the bot must not run with (a flow, a letter template, a phrase file, a setting). Start-up
/// stops with its message, and the program exits with <see cref="Verbs.ExitCodes.Configuration"/>.</summary>
internal abstract class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether <paramref name="log"/> is a host's "Hosting failed to start" about a problem that start-up
    /// tells on standard error in its own words: a <see cref="ConfigurationException"/>, or the web server's "address
    /// already in use" it becomes (which the web server's own host logs first). Such an event is not logged as well,
    /// so the operator reads one plain line rather than a stack trace.</summary>
    public static bool IsToldPlainly(LogEvent log) =>
        log.Properties.TryGetValue("EventId", out var id)
        && id is StructureValue { Properties: var parts }
        && parts.Any(part => part is { Name: "Name", Value: ScalarValue { Value: "HostedServiceStartupFaulted" } })
        && IsToldPlainly(log.Exception);

    private static bool IsToldPlainly(Exception? exception) => exception switch
    {
        null => false,
        ConfigurationException or AddressInUseException => true,
        _ => IsToldPlainly(exception.InnerException),
    };
}

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
