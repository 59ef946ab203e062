using System.Diagnostics;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The service as an operator runs it: its own process, configured from the environment.</summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, as xunit calls it.
public sealed class TelegramServiceProcessTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly TempDirectory _data = new();
    private readonly FakeTelegramServer _server = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private Dictionary<string, string> Environment()
    {
        var keys = _data.File("keys.json");
        if (!File.Exists(keys))
        {
            KeyRing.CreateKeyFile(keys);
        }
        return new()
        {
            ["Telegram__BotToken"] = _server.Token,
            ["Telegram__ApiBaseUrl"] = _server.BaseUrl,
            ["Privacy__KeyFile"] = keys,
        };
    }

    [Fact]
    public async Task AWrongCommunitySettingStopsStartUpNamingTheSetting()
    {
        var environment = Environment();
        environment["Telegram__Communities__0__ChatId"] = "12345";
        environment["Telegram__Communities__0__Key"] = "almaty";
        environment["Telegram__Communities__0__Name"] = "ОЗТ";
        environment["Telegram__Communities__0__LinkToken"] = "not a token!";

        var result = await BotProcess.RunAsync(["--data", _data.File("data")], "", environment);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("Telegram:Communities:0:ChatId", result.Error);
        Assert.Contains("Telegram:Communities:0:LinkToken", result.Error);
    }

    [Fact]
    public async Task TheServiceStopsWithinSecondsOnSigterm()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(_data.File("data"));
        foreach (var (key, value) in Environment())
        {
            start.Environment[key] = value;
        }
        using var bot = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = bot.StandardOutput.ReadToEndAsync();
        var error = bot.StandardError.ReadToEndAsync();
        var member = _server.PrivateChatWith(userId: 720100, firstName: "S", username: null, languageCode: "ru");
        await member.SendsAsync("/help");
        await member.WaitForReplyAsync(timeout: TimeSpan.FromSeconds(60));

        using (var kill = Process.Start("kill", ["-TERM", bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await bot.WaitForExitAsync(patience.Token);

        Assert.True(bot.ExitCode == 0, await error);
        Assert.Contains("Polling stopped", await output);
    }
}
