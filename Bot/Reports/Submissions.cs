using System.Threading.Channels;

namespace CommunityBot.Reports;

/// <summary>Reports just submitted, for whoever shows them to moderators (the Telegram channel posts a card for
/// each). In memory: the card of a report submitted just before a crash is posted by hand with /show.</summary>
internal sealed class Submissions
{
    private readonly Channel<Guid> _submitted = Channel.CreateBounded<Guid>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Add(Guid reportId) => _submitted.Writer.TryWrite(reportId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _submitted.Reader.ReadAllAsync(cancellationToken);
}
