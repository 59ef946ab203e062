using CommunityBot.Conversations;

namespace CommunityBot.Tests.Support.FakeGraph;

/// <summary>A fake Graph API server and a data folder per test; the bot is started by the test (with its settings).</summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, as xunit calls it.
public abstract class MessengerScenario : IAsyncLifetime
#pragma warning restore CA1001
{
    private MessengerBotHost? _bot;

    private protected TempDirectory Data { get; } = new();

    private protected FakeGraphServer Graph { get; } = new();

    private protected static TextCatalog Texts { get; } = ShippedFlow.Load().Texts;

    private protected MessengerBotHost Bot => _bot ?? throw new InvalidOperationException("Start the bot first.");

    public Task InitializeAsync() => Graph.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
        await Graph.DisposeAsync();
        Data.Dispose();
    }

    private protected async Task<MessengerBotHost> StartBotAsync(IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
        return _bot = await MessengerBotHost.StartAsync(Graph, Data.Path, overrides, time: time);
    }

    private protected FakeMessengerMember Member(string psid) => new(Bot, Graph, psid);
}
