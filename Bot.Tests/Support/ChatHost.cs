using System.Text;
using CommunityBot.Channels.Console;
using CommunityBot.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Support;

/// <summary>The real host of the <c>chat</c> verb, in-process, on a data folder of the test's own, with time
/// under the test's control. Dispose it and make another on the same folder to "restart the program".</summary>
internal sealed class ChatHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ChatHost(IHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public ReportStore Reports => Services.GetRequiredService<ReportStore>();

    public ReportQueue Queue => Services.GetRequiredService<ReportQueue>();

    public StatusChanges StatusChanges => Services.GetRequiredService<StatusChanges>();

    public FollowUpContacts FollowUps => Services.GetRequiredService<FollowUpContacts>();

    public static async Task<ChatHost> StartAsync(string dataDirectory, DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = BotHost.CreateBuilder(dataDirectory, interactive: true, settings);
        BotHost.UseLocalKeyFile(builder);
        var time = new FakeTimeProvider(now ?? ShippedFlow.Now);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ConsoleChat>();
        var host = builder.Build();
        await host.StartAsync();
        return new ChatHost(host, time);
    }

    /// <summary>Types the lines into the terminal channel, then ends the input; returns all it printed.</summary>
    public async Task<string> TypeAsync(string language, params string[] lines)
    {
        var output = new StringWriter(new StringBuilder());
        using var input = new StringReader(string.Join("\n", lines) + "\n");
        await Services.GetRequiredService<ConsoleChat>().RunAsync(input, output, language, CancellationToken.None);
        return output.ToString();
    }

    /// <summary>Pipes these bytes into the terminal channel, read as standard input is (UTF-8), then ends the input;
    /// returns all it printed.</summary>
    public async Task<string> PipeAsync(string language, byte[] bytes)
    {
        var output = new StringWriter(new StringBuilder());
        using var input = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        await Services.GetRequiredService<ConsoleChat>().RunAsync(input, output, language, CancellationToken.None);
        return output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
