using System.Reflection;
using System.Text.RegularExpressions;
using CommunityBot.Channels.Telegram;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>How an update is read before it is dispatched, and the tables the router and the chats share.</summary>
public sealed partial class UpdateRoutingTests
{
    private const long Moderators = -100_111;
    private const long Activists = -100_222;
    private const long Community = -100_333;
    private const long Member = 4_242;

    private static readonly Communities Groups = new(Options.Create(new TelegramOptions
    {
        ModeratorsChatId = Moderators,
        ActivistsChatId = Activists,
        Communities = [new CommunityGroupOptions { ChatId = Community, Key = "almaty", Name = "Almaty", LinkToken = "alm" }],
    }));

    private static readonly User Bot = new() { Id = 1, IsBot = true, FirstName = "bot" };
    private static readonly User Person = new() { Id = Member, FirstName = "member" };

    private static Chat ChatOf(long id) => id > 0
        ? new Chat { Id = id, Type = ChatType.Private }
        : new Chat { Id = id, Type = ChatType.Supergroup };

    private static Update Said(long chat, string? text, Message? replyTo = null, string? caption = null) => new()
    {
        Id = 7,
        Message = new Message { Id = 10, Chat = ChatOf(chat), From = Person, Text = text, Caption = caption, ReplyToMessage = replyTo, Date = DateTime.UtcNow },
    };

    private static Update Pressed(string? data) => new()
    {
        Id = 8,
        CallbackQuery = new CallbackQuery { Id = "q", From = Person, Data = data, Message = new Message { Id = 11, Chat = ChatOf(Member), From = Bot, Date = DateTime.UtcNow } },
    };

    [Fact]
    public void ACommandInAPrivateChatIsReadOnceWithItsArgument()
    {
        var parsed = ParsedUpdate.Of(Said(Member, "/status 7K3Q-XM2P-4HNA-9TWE"), Groups);

        Assert.Equal(ChatKind.Private, parsed.Chat);
        Assert.Equal(new MemberCommand(CommandNames.Status, "7K3Q-XM2P-4HNA-9TWE"), parsed.TypedCommand);
        Assert.Equal(ReplyTarget.None, parsed.Reply);
        Assert.Null(parsed.Press);
    }

    [Fact]
    public void EachGroupIsKnownForWhatItIs()
    {
        Assert.Equal(ChatKind.Moderators, ParsedUpdate.Of(Said(Moderators, "hello"), Groups).Chat);
        Assert.Equal(ChatKind.Activists, ParsedUpdate.Of(Said(Activists, "hello"), Groups).Chat);
        Assert.Equal(ChatKind.Group, ParsedUpdate.Of(Said(Community, "hello"), Groups).Chat);
        Assert.Equal(ChatKind.Group, ParsedUpdate.Of(Said(-100_999, "hello"), Groups).Chat);
    }

    [Fact]
    public void AReplyIsToTheBotToALetterQuestionOrToSomeoneElse()
    {
        var card = new Message { Id = 3, Chat = ChatOf(Moderators), From = Bot, Text = "R-7K3Q", Date = DateTime.UtcNow };
        var question = new Message { Id = 4, Chat = ChatOf(Moderators), From = Bot, Text = LetterChat.Mark + "Which report?", Date = DateTime.UtcNow };
        var someone = new Message { Id = 5, Chat = ChatOf(Moderators), From = Person, Text = "hi", Date = DateTime.UtcNow };

        Assert.Equal(ReplyTarget.Bot, ParsedUpdate.Of(Said(Moderators, "a note", card), Groups).Reply);
        Assert.Equal(ReplyTarget.LetterQuestion, ParsedUpdate.Of(Said(Moderators, "R-7K3Q", question), Groups).Reply);
        Assert.Equal(ReplyTarget.Other, ParsedUpdate.Of(Said(Moderators, "yes", someone), Groups).Reply);
    }

    [Fact]
    public void APressIsSortedByThePrefixOfItsButton()
    {
        var report = Guid.NewGuid();
        Assert.Equal(PressKind.Card, ParsedUpdate.Of(Pressed(ReportCard.PressData(CardAction.Take, report)), Groups).Press);
        Assert.Equal(PressKind.Card, ParsedUpdate.Of(Pressed(QueueTurn.Data(CommunityBot.Reports.ReportStatus.New, 1)), Groups).Press);
        Assert.Equal(PressKind.Letter, ParsedUpdate.Of(Pressed(LetterPress.Prefix + "abc:s"), Groups).Press);
        Assert.Equal(PressKind.FollowUp, ParsedUpdate.Of(Pressed("f:" + report.ToString("N")), Groups).Press);
        Assert.Equal(PressKind.Member, ParsedUpdate.Of(Pressed("c:12"), Groups).Press);
        Assert.Equal(PressKind.Member, ParsedUpdate.Of(Pressed(null), Groups).Press);
    }

    [Fact]
    public void ACommandInACaptionIsReadForTheGroupsButIsNotATypedCommand()
    {
        var parsed = ParsedUpdate.Of(Said(Community, null, caption: "/report"), Groups);

        Assert.Equal(CommandNames.Report, parsed.Command?.Name);
        Assert.Null(parsed.TypedCommand);
    }

    [Fact]
    public void EveryCardActionHasAButtonWhoseDataReadsBackAsTheSameAction()
    {
        var report = Guid.NewGuid();
        foreach (var action in Enum.GetValues<CardAction>())
        {
            var data = ReportCard.PressData(action, report);

            Assert.Equal((action, report), ReportCard.Parse(data));
            // Telegram takes at most 64 bytes of callback data.
            Assert.True(data.Length <= 64, data);
        }
    }

    [Fact]
    public void EveryHelpTextNamesExactlyTheCommandsOfTheTable()
    {
        var texts = ShippedFlow.Load().Texts;
        foreach (var language in texts.Languages)
        {
            Assert.Equal(CommandNames.MemberHelp.Order(), Named(texts.Get(language, "help.text")));
            Assert.Equal(CommandNames.ModeratorHelp.Order(), Named(texts.Get(language, "mod.help")));
            Assert.All(CommandNames.MemberMenu.Concat(CommandNames.GroupMenu), name => Assert.True(texts.Has(language, "cmd." + name), $"{language}: cmd.{name}"));
        }
    }

    private static IEnumerable<string> Named(string help) =>
        CommandMention().Matches(help).Select(m => m.Groups[1].Value).Distinct().Order();

    [GeneratedRegex(@"(?<![\w/])/([a-z]+)\b")]
    private static partial Regex CommandMention();

    [Fact]
    public void NoServiceOfTheBotTakesMoreThanEightOthers()
    {
        var crowded = typeof(ReportCard).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetMethod("<Clone>$") is null
                && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !typeof(Exception).IsAssignableFrom(type))
            .Select(type => (type.FullName, Most: type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(constructor => constructor.GetParameters().Length).DefaultIfEmpty(0).Max()))
            .Where(type => type.Most > 8)
            .ToList();

        Assert.Empty(crowded);
    }

    [Fact]
    public void NoSourceFileOfTheBotIsLongerThanFourHundredLines()
    {
        var bot = Path.GetFullPath(Path.Combine(SourceFolder(), "..", "..", "..", "Bot"));
        var files = Directory.EnumerateFiles(bot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var tooLong = files
            .Select(file => (File: Path.GetRelativePath(bot, file), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > 400)
            .ToList();

        Assert.NotEmpty(files);
        Assert.Empty(tooLong);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetDirectoryName(here) ?? throw new InvalidOperationException("The test knows no source folder.");

    [Fact]
    public void AddingTheTelegramChannelAndTheModerationTwiceRegistersEachOfTheirServicesOnce()
    {
        var services = new ServiceCollection();
        services.AddTelegram().AddModeration();
        services.AddTelegram().AddModeration();

        var twice = services
            .Where(d => d.ServiceType.Namespace?.StartsWith("CommunityBot", StringComparison.Ordinal) == true || d.ServiceType == typeof(TimeProvider))
            .GroupBy(d => (d.ServiceType, d.ImplementationType))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key.ServiceType.Name)
            .ToList();

        Assert.Empty(twice);
    }
}
