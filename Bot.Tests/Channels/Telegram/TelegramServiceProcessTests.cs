using System.Diagnostics;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The service as an operator runs it: its own process, configured from the environment.</summary>
public sealed class TelegramServiceProcessTests : TelegramScenario
{


    private Dictionary<string, string> Environment()
    {
        var keys = Data.File("keys.json");
        if (!File.Exists(keys))
        {
            KeyRing.CreateKeyFile(keys);
        }
        return new()
        {
            ["Telegram__BotToken"] = Server.Token,
            ["Telegram__ApiBaseUrl"] = Server.BaseUrl,
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

        var result = await BotProcess.RunAsync(["--data", Data.File("data")], "", environment);

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
        start.ArgumentList.Add(Data.File("data"));
        foreach (var (key, value) in Environment())
        {
            start.Environment[key] = value;
        }
        using var bot = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = bot.StandardOutput.ReadToEndAsync();
        var error = bot.StandardError.ReadToEndAsync();
        var member = Server.PrivateChatWith(userId: 720100, firstName: "S", username: null, languageCode: "ru");
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
