using System.Threading.Channels;

namespace CommunityBot.Reports;

/// <summary>A nudge to whoever shows reports to moderators that something happened to a report. Only a wake-up: what
/// is owed lives in the store (<see cref="ReportCards"/> for new cards, <see cref="OwedEvents"/> for everything else),
/// written in the same transaction as the change, so nothing here is ever the only copy. Unbounded, so that no
/// new report's nudge is pushed out by a burst of others; each holds two words of memory.</summary>
internal sealed class ReportEvents
{
    private readonly Channel<ReportEvent> _events = Channel.CreateUnbounded<ReportEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(ReportEvent happened) => _events.Writer.TryWrite(happened);

    /// <summary>Completes when an event can be read (for a reader that also waits for something else).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _events.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ReportEvent happened) => _events.Reader.TryRead(out happened);
}

internal sealed record ReportEvent(Guid ReportId, ReportEventKind Kind);

internal enum ReportEventKind
{
    Submitted,

    /// <summary>The member added information with their receipt code.</summary>
    Added,

    /// <summary>What the member added with their receipt code answered a moderator's open question.</summary>
    Answered,

    /// <summary>The member deleted the report: its card must lose the content too.</summary>
    Withdrawn,

    /// <summary>A moderator moved the report to another status: the card shows it, and a closed case's card loses
    /// the member's words.</summary>
    StatusChanged,
}
