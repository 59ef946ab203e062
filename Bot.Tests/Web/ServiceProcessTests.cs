using System.Net;
using System.Net.Sockets;
using System.Text;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Web;

/// <summary>The service as systemd starts it: its own process, logging to standard output only (journald keeps it),
/// and answering /healthz once Telegram's polls come back.</summary>
public sealed class ServiceProcessTests : TelegramScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheServiceLogsToStandardOutputOnlyAndAnswersHealthz()
    {
        var keys = Data.File("keys.json");
        KeyRing.CreateKeyFile(keys);
        var port = LoopbackPort.Free();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
            ["Privacy__KeyFile"] = keys,
            ["Web__Urls"] = $"http://127.0.0.1:{port}",
        };
        var output = new StringBuilder();
        var member = Server.PrivateChatWith(userId: 660100200, firstName: "S", username: null, languageCode: "ru");
        var data = Data.File("data");

        using (var service = BotProcess.StartService(["--data", data], environment, output))
        {
            try
            {
                await member.SendsAsync("/start");
                await member.WaitForReplyAsync(timeout: Patience);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
                using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }
            finally
            {
                service.Kill();
                await service.WaitForExitAsync();
            }
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }
        Assert.Contains("Polling Telegram as", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "logs")), "the service wrote log files");
        Assert.DoesNotContain(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories), file => file.EndsWith(".log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWebPortTakenByAnotherProgramStopsStartUpWithOnePlainLineAndExitCode78()
    {
        var keys = Data.File("keys.json");
        KeyRing.CreateKeyFile(keys);
        var port = LoopbackPort.Free();
        using var other = new TcpListener(IPAddress.Loopback, port);
        other.Start();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
            ["Privacy__KeyFile"] = keys,
            ["Web__Urls"] = $"http://127.0.0.1:{port}",
        };

        var result = await BotProcess.RunAsync(["--data", Data.File("data")], "", environment);

        var said = result.Output + result.Error;
        Console.WriteLine(said);
        Assert.True(result.ExitCode == 78, $"exit {result.ExitCode}: {said}");
        Assert.Contains($"The web server cannot listen on http://127.0.0.1:{port} (Web:Urls): the address is already in use by another program.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", said, StringComparison.Ordinal);
    }
}
