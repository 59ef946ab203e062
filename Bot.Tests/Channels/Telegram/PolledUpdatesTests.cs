using System.Text;
using System.Text.Json;
using CommunityBot.Channels.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A getUpdates answer read by the poller gives exactly the updates the library's getUpdates gives, less the
/// ones the poller already has.</summary>
public sealed class PolledUpdatesTests
{
    private static readonly string Message = """{"update_id":501,"message":{"message_id":7,"from":{"id":42,"is_bot":false,"first_name":"Ана"},"chat":{"id":42,"type":"private","first_name":"Ана"},"date":1765000000,"text":"/help","entities":[{"offset":0,"length":5,"type":"bot_command"}]}}""";
    private static readonly string Press = """{"update_id":502,"callback_query":{"id":"9","from":{"id":43,"is_bot":false,"first_name":"Б"},"chat_instance":"-1","data":"c:1","message":{"message_id":8,"chat":{"id":43,"type":"private"},"date":1765000001,"text":"?","reply_markup":{"inline_keyboard":[[{"text":"Да","callback_data":"c:1"}]]}}}}""";
    private static readonly string IdLast = """{"message":{"message_id":9,"from":{"id":44,"is_bot":false,"first_name":"В"},"chat":{"id":44,"type":"private"},"date":1765000002,"text":"привет \"в кавычках\" {}[] C:\\"},"update_id":503}""";

    private static byte[] Answer(params string[] updates) => Encoding.UTF8.GetBytes($$"""{"ok":true,"result":[{{string.Join(",", updates)}}]}""");

    private static string Library(Update update) => JsonSerializer.Serialize(update, JsonBotAPI.Options);

    [Fact]
    public void TheNewUpdatesComeOutAsTheLibraryReadsThemAndTheKnownOnesAreLeftOut()
    {
        var answer = Answer(Message, Press, IdLast);
        var library = JsonSerializer.Deserialize<ApiResponse<Update[]>>(answer, JsonBotAPI.Options)?.Result ?? [];

        var polled = PolledUpdates.Read(answer, known: id => id == 501);

        Assert.Equal(3, polled.Count);
        Assert.Equal([502, 503], polled.New.Select(u => u.Id));
        Assert.Equal(library.Skip(1).Select(Library), polled.New.Select(Library));
    }

    [Fact]
    public void AnUpdateWhoseIdIsNotFirstIsReadWholeAndLeftOutWhenKnown()
    {
        var polled = PolledUpdates.Read(Answer(IdLast, Message), known: id => id == 503);

        Assert.Equal(2, polled.Count);
        Assert.Equal(501, Assert.Single(polled.New).Id);
    }

    [Fact]
    public void AnAnswerWithNoUpdatesGivesNoneAndOneWithOnlyKnownOnesCountsThem()
    {
        var none = PolledUpdates.Read("""{"ok":true,"result":[]}"""u8, known: _ => false);
        Assert.Empty(none.New);
        Assert.Equal(0, none.Count);
        var known = PolledUpdates.Read(Answer(Message, Press), known: _ => true);
        Assert.Empty(known.New);
        Assert.Equal(2, known.Count);
    }

    [Fact]
    public void AnUpdateTheLibraryCannotBuildComesAsAnEmptyUpdateOfItsIdAndTheOthersStillCome()
    {
        // A press whose sender is a bare name, and a message whose id is a word: neither can be built.
        const string press = """{"callback_query":{"id":"9","from":"Б","data":"c:1"},"update_id":601}""";
        const string wrongType = """{"update_id":602,"message":{"message_id":"seven","chat":{"id":44,"type":"private"},"date":1765000002}}""";

        var polled = PolledUpdates.Read(Answer(press, Message, wrongType), known: _ => false);

        Assert.Equal(3, polled.Count);
        Assert.Equal(2, polled.Unreadable);
        Assert.Equal([601, 501, 602], polled.New.Select(u => u.Id));
        Assert.Equal(UpdateType.Unknown, polled.New[0].Type);
        Assert.Equal(UpdateType.Message, polled.New[1].Type);
        Assert.Equal(UpdateType.Unknown, polled.New[2].Type);
    }

    [Fact]
    public void AnUpdateWithoutAnIdStillFailsThePoll()
    {
        Assert.Throws<JsonException>(() => PolledUpdates.Read(Answer("""{"message":{"message_id":"seven"}}"""), known: _ => false));
    }

    [Theory]
    [InlineData("""{"ok": true, "result": []}""")]
    [InlineData("""{ "ok" : true , "result" : [ ] }""")]
    [InlineData("""{"result": [], "ok": true}""")]
    [InlineData("""{\n  "ok": true,\n  "result": [\n  ]\n}""")]
    public void AnEmptyAnswerIsReadWhateverTheSpacesAndOrderOfAServerThatWritesItOtherwise(string answer)
    {
        var none = PolledUpdates.Read(Encoding.UTF8.GetBytes(answer.Replace("\\n", "\n", StringComparison.Ordinal)), known: _ => false);

        Assert.Empty(none.New);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void AnAnswerWithSpacesBetweenItsUpdatesGivesThemAll()
    {
        var answer = Encoding.UTF8.GetBytes($$"""{"ok": true, "result": [ {{Message}} ,""" + "\n\t" + $$"""{{Press}} ] }""");

        var polled = PolledUpdates.Read(answer, known: id => id == 501);

        Assert.Equal(2, polled.Count);
        Assert.Equal(502, Assert.Single(polled.New).Id);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":"}"}""")]
    [InlineData("""{"a":"\"}{\"","b":{"c":[{"d":"{"}]}}""")]
    [InlineData("""{"a":"C:\\","b":{"c":"\\\"}"}}""")]
    [InlineData("""{ "a" : [ { } , "\u007d" ] , "b" : { } }""")]
    [InlineData("""{"text":"привет \"в кавычках\" {}[]","x":"\\"}""")]
    public void AnUpdateIsSteppedOverExactlyAsAJsonReaderWouldSkipIt(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + ",{\"next\":1}]");
        var reader = new Utf8JsonReader(bytes.AsSpan(0, Encoding.UTF8.GetByteCount(json)));
        reader.Read();
        reader.Skip();

        Assert.Equal((int)reader.BytesConsumed, PolledUpdates.ObjectLength(bytes));
    }

    [Theory]
    [InlineData("""{"a":"}""")]
    [InlineData("""{"a":{}""")]
    [InlineData("""{"a":"\"}""")]
    public void AnUpdateCutOffHasNoEnd(string json)
    {
        Assert.Equal(-1, PolledUpdates.ObjectLength(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"ok":true,"result":[{"update_id":501,"message":{"message_id":7""")]
    [InlineData("""{"ok":true,"result":[{"update_id":501}{"update_id":502}]}""")]
    [InlineData("""{"ok":true,"result":[{"update_id":501},""")]
    [InlineData("""{"ok":false,"error_code":500,"description":"Internal"}""")]
    [InlineData("""{"ok":true}""")]
    [InlineData("""{"ok":true,"result":{"update_id":1}}""")]
    [InlineData("""{"ok":true,"result":[1,2]}""")]
    [InlineData("<html>Bad Gateway</html>")]
    public void AnAnswerThatIsNotAListOfUpdatesIsRefused(string answer)
    {
        Assert.ThrowsAny<JsonException>(() => PolledUpdates.Read(Encoding.UTF8.GetBytes(answer), known: _ => true));
    }
}
