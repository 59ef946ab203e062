using System.CommandLine;
using CommunityBot.Channels.Console;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Verbs;

/// <summary><c>Bot chat</c>: the reporting conversation in this terminal, without Telegram.</summary>
internal static class ChatVerb
{
    public static Command Create(Option<string?> dataOption, Option<string?> languageOption)
    {
        var chat = new Command("chat", "Try the reporting conversation in this terminal; no Telegram token needed.") { dataOption, languageOption };
        chat.SetAction((parse, cancellationToken) =>
        {
            var builder = VerbHost.LocalBuilder(parse.GetValue(dataOption));
            builder.Services.AddSingleton<ConsoleChat>();
            return VerbHost.RunAsync(builder, async host =>
            {
                await host.Services.GetRequiredService<ConsoleChat>()
                    .RunAsync(Console.In, Console.Out, VerbHost.Language(host, parse.GetValue(languageOption)), cancellationToken);
                return 0;
            });
        });
        return chat;
    }
}
