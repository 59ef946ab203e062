using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace CommunityBot.Privacy;

/// <summary>
/// How the log shows a failure: the exception's type and where it happened (its stack, and its inner exceptions'), but
/// never its message. Messages carry values: .NET's own say "The input string 'what a member typed' was not in a correct
/// format", a database's name the duplicate key, a parser quotes what it read. The sinks' templates show this property
/// (<see cref="Property"/>) in place of the exception itself.
/// </summary>
internal sealed class WithheldExceptionMessages : ILogEventEnricher
{
    public const string Property = "Failure";

    /// <summary>The console's and the log file's line, as Serilog's defaults are, with the failure in place of the
    /// exception.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{" + Property + ":l}";

    public const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{" + Property + ":l}";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(Property, logEvent.Exception is { } exception ? Render(exception) : ""));

    internal static string Render(Exception exception)
    {
        var text = new StringBuilder();
        for (var (current, depth) = (exception, 0); current is not null && depth < 8; (current, depth) = (current.InnerException, depth + 1))
        {
            text.Append(depth == 0 ? "" : " ---> ").Append(current.GetType().FullName).AppendLine(" (message withheld)");
            if (current.StackTrace is { } stack)
            {
                text.AppendLine(stack);
            }
        }
        return text.ToString();
    }
}
