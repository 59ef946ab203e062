using System.Threading.Channels;

namespace CommunityBot.Reports;

/// <summary>What just happened to a report, for whoever shows reports to moderators (the Telegram channel posts
/// or refreshes the report's card). In memory: a new report's card survives a crash through
/// <see cref="ReportCards"/>, which keeps it pending in the same transaction as the report itself.</summary>
internal sealed class ReportEvents
{
    private readonly Channel<ReportEvent> _events = Channel.CreateBounded<ReportEvent>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Add(ReportEvent happened) => _events.Writer.TryWrite(happened);

    /// <summary>Completes when an event can be read (for a reader that also waits for something else).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _events.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ReportEvent happened) => _events.Reader.TryRead(out happened);
}

/// <param name="Text">What the member wrote, for <see cref="ReportEventKind.Added"/> and <see cref="ReportEventKind.Answered"/>.</param>
internal sealed record ReportEvent(Guid ReportId, ReportEventKind Kind, string? Text = null);

internal enum ReportEventKind
{
    Submitted,

    /// <summary>The member added information with their receipt code.</summary>
    Added,

    /// <summary>What the member added with their receipt code answered a moderator's open question.</summary>
    Answered,

    /// <summary>The member deleted the report: its card must lose the content too.</summary>
    Withdrawn,
}
