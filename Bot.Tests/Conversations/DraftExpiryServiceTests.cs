using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Conversations;

public sealed class DraftExpiryServiceTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static Task<int> CountDraftsAsync(ChatHost host) =>
        host.Services.GetRequiredService<Database>().RunAsync(db => db.GetCollection(DraftCollection).FindAll().Count(d => d.ContainsKey("state")));

    private const string DraftCollection = "drafts";

    [Fact]
    public async Task AnAbandonedDraftIsErasedEvenIfItsMemberNeverReturns()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
            Assert.Equal(1, await CountDraftsAsync(host));
        }

        await using var later = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(25));

        // The sweep runs in the background at start-up; wait for it, but not forever.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountDraftsAsync(later) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(0, await CountDraftsAsync(later));

        // Coming back later, the member is told what happened to their answers.
        var output = await later.TypeAsync("ru", "/report");
        Assert.Contains(ShippedFlow.Load().Texts.Get("ru", "draft.expired"), output);
    }

    [Fact]
    public async Task AFreshDraftIsLeftAlone()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }

        await using var later = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(23));
        var output = await later.TypeAsync("ru");

        Assert.Equal(1, await CountDraftsAsync(later));
        Assert.Contains(ShippedFlow.Load().Texts.Get("ru", "draft.resumed"), output);
    }
}
