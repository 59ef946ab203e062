namespace CommunityBot.Tests.Benchmarks;

/// <summary>Benchmarks are programs that print figures, not tests: <c>dotnet run --project Bot.Tests -c Release -- benchmark</c>.
/// The test runner never calls this entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["benchmark", .. var rest])
        {
            return await TelegramBenchmark.RunAsync(rest);
        }
        if (args is ["benchmark-botapi", .. var botApi])
        {
            return await BotApiBenchmark.RunAsync(botApi);
        }
        if (args is ["benchmark-moderation", .. var options])
        {
            return await ModerationBenchmark.RunAsync(options);
        }
        if (args is ["benchmark-messenger", .. var messenger])
        {
            return await MessengerBenchmark.RunAsync(messenger);
        }
        if (args is ["benchmark-soak", .. var soak])
        {
            return await Soak.SoakCommand.RunAsync(soak);
        }
        if (args is ["fuzz", .. var fuzz])
        {
            return await Fuzz.FuzzCommand.RunAsync(fuzz);
        }
        await Console.Error.WriteLineAsync("usage: dotnet run --project Bot.Tests -c Release -- benchmark [--members 2000] [--parallel 50] [--flood 1000] [--chat-rate 1] [--webhook] [--reports-from DIR] [--published DIR] [--perf]" + Environment.NewLine
            + "       dotnet run --project Bot.Tests -c Release -- benchmark-botapi [--calls 20000]" + Environment.NewLine
            + "       dotnet run --project Bot.Tests -c Release -- benchmark-moderation [--reports 100000]" + Environment.NewLine
            + "       dotnet run --project Bot.Tests -c Release -- benchmark-messenger [--members 400] [--parallel 50]" + Environment.NewLine
            + "       dotnet run --project Bot.Tests -c Release -- benchmark-soak [--members 300] [--parallel 20] [--kills 50] [--seed N] [--patience-ms 5000] [--up-ms 4000]" + Environment.NewLine
            + "       dotnet run --project Bot.Tests -c Release -- fuzz [--target router|dates|choices|filters|flows|letters|all] [--count 100000] [--seed N]");
        return 2;
    }
}
