using System.Text.Json.Nodes;
using CommunityBot.Tests.Support;
using CsCheck;

namespace CommunityBot.Tests.Benchmarks.Fuzz;

/// <summary>
/// Well-formed Bot API update JSON of every kind the router meets: messages and edits in private chats, the
/// community group, the moderators' group and groups the bot does not know; button presses with any data; the bot's
/// and a member's membership changes. Optional fields come and go, fields Telegram may add later appear, texts are
/// commands, odd Unicode or up to 10,000 characters. Few people and chats, so conversations get somewhere.
/// </summary>
internal static class UpdateJson
{
    private static readonly string[] Commands =
    [
        "/start", "/start " + TelegramBotHost.CommunityLink, "/start nosuchlink", "/start@community_test_bot", "/report", "/help", "/cancel",
        "/status", "/add", "/delete", "/language", "/language en", "/language zz", "/letter", "/letters", "/queue", "/stats", "/stats week",
        "/export csv", "/export json month", "/export", "/nosuch", "/", "/start\u00A0x", "/START",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Commands.Select(Gen.Const).ToArray())),
        (2, Gen.OneOf(Gen.Const("1"), Gen.Const("2"), Gen.Const("да"), Gen.Const("yes"), Gen.Const("вчера"), Gen.Const("12.05.2026"), Gen.Const("R-0001"))),
        (5, FuzzInputs.AnyText));

    private static readonly Gen<string> CallbackData = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf(Gen.Const("m:"), Gen.Const("l:"), Gen.Const("c:"), Gen.Const("f:"), Gen.String[Gen.Char["0123456789abcdef"], 1, 12].Select(s => s + ":")),
            Gen.OneOf(Gen.Const("b"), Gen.Const("x"), Gen.Int[-2, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.String[0, 64]))
            .Select((prefix, rest) => prefix + rest)),
        (1, FuzzInputs.AnyUnicode));

    private static readonly Gen<long> PersonId = Gen.Long[1, 40];

    private static readonly Gen<JsonObject> User = Gen.Select(PersonId, Gen.Bool, Gen.OneOf(Gen.Const("ru"), Gen.Const("en"), Gen.Const("kk"), Gen.Const("de"), Gen.Const(""), Gen.Const((string?)null)), FuzzInputs.OddUnicode)
        .Select((id, isBot, language, name) => Optional(new JsonObject
        {
            ["id"] = id,
            ["is_bot"] = isBot && id > 35,
            ["first_name"] = name,
        }, "language_code", language));

    private static readonly Gen<(JsonObject Chat, long? Person)> Chat = Gen.Frequency(
        (5, PersonId.Select(id => (new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = "x" }, (long?)id))),
        (2, Gen.Const((Group(TelegramBotHost.CommunityChatId, "supergroup"), (long?)null))),
        (2, Gen.Const((Group(TelegramBotHost.ModeratorsChatId, "supergroup"), (long?)null))),
        (1, Gen.Long[-1009999999999, -1].Select(id => (Group(id, "group"), (long?)null))),
        (1, Gen.Const((new JsonObject { ["id"] = -1001234, ["type"] = "channel", ["title"] = "news" }, (long?)null))));

    private static readonly Gen<JsonObject> Message = Gen.Select(Gen.Int[1, 5000], Chat, User, Text, Gen.Int[0, 9], Gen.Bool)
        .Select((messageId, chat, user, text, shape, botReplied) =>
        {
            if (chat.Person is { } person)
            {
                user["id"] = person;
                user["is_bot"] = false;
            }
            var message = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = 1_795_000_000 + messageId,
                ["chat"] = chat.Chat.DeepClone(),
            };
            if (shape != 0)
            {
                message["from"] = user;
            }
            switch (shape)
            {
                case 1:
                    message["caption"] = text;
                    message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "p", ["file_unique_id"] = "u", ["width"] = 1, ["height"] = 1 });
                    break;
                case 2:
                    message["sticker"] = new JsonObject { ["file_id"] = "s", ["file_unique_id"] = "u", ["type"] = "regular", ["width"] = 1, ["height"] = 1, ["is_animated"] = false, ["is_video"] = false };
                    break;
                case 3:
                    message["new_chat_members"] = new JsonArray(new JsonObject { ["id"] = messageId % 40 + 1, ["is_bot"] = false, ["first_name"] = "n" });
                    break;
                case 4:
                    message["migrate_to_chat_id"] = -1009000000099;
                    break;
                default:
                    message["text"] = text;
                    if (text.StartsWith('/'))
                    {
                        message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
                    }
                    break;
            }
            if (shape >= 7)
            {
                message["reply_to_message"] = new JsonObject
                {
                    ["message_id"] = Math.Max(1, messageId - 1),
                    ["date"] = 1_795_000_000,
                    ["chat"] = chat.Chat.DeepClone(),
                    ["from"] = new JsonObject { ["id"] = 7000000001, ["is_bot"] = botReplied, ["first_name"] = "bot" },
                    ["text"] = "?",
                };
            }
            return message;
        });

    private static readonly Gen<JsonObject> Callback = Gen.Select(User, Gen.Bool, Message, CallbackData)
        .Select((user, hasMessage, message, data) =>
        {
            var query = new JsonObject { ["id"] = "q", ["from"] = user, ["chat_instance"] = "i", ["data"] = data };
            if (hasMessage)
            {
                message["from"] = new JsonObject { ["id"] = 7000000001, ["is_bot"] = true, ["first_name"] = "bot" };
                query["message"] = message;
            }
            return query;
        });

    private static readonly string[] Statuses = ["creator", "administrator", "member", "restricted", "left", "kicked"];

    private static readonly Gen<JsonObject> MemberChange = Gen.Select(Chat, User, Gen.OneOf(Statuses.Select(Gen.Const).ToArray()), Gen.OneOf(Statuses.Select(Gen.Const).ToArray()))
        .Select((chat, user, before, after) => new JsonObject
        {
            ["chat"] = chat.Chat.DeepClone(),
            ["from"] = user,
            ["date"] = 1_795_000_000,
            ["old_chat_member"] = new JsonObject { ["status"] = before, ["user"] = user.DeepClone() },
            ["new_chat_member"] = new JsonObject { ["status"] = after, ["user"] = user.DeepClone(), ["until_date"] = 0 },
        });

    /// <summary>Now and then an update id comes again, as Telegram redelivers after a crash.</summary>
    public static readonly Gen<string> Update = Gen.Select(
            Gen.Frequency(
                (6, Message.Select(m => ("message", m))),
                (2, Message.Select(m => ("edited_message", m))),
                (4, Callback.Select(q => ("callback_query", q))),
                (1, MemberChange.Select(c => ("my_chat_member", c))),
                (1, MemberChange.Select(c => ("chat_member", c))),
                (1, Gen.Const(("poll_answer", new JsonObject { ["poll_id"] = "p", ["option_ids"] = new JsonArray() })))),
            Gen.Int[0, 19], Gen.String[0, 8], FuzzInputs.OddUnicode, Gen.Int[100, int.MaxValue])
        .Select((kind, repeat, unknownName, unknownValue, updateId) =>
        {
            // Generators may hand out the same node twice; a node belongs to one parent.
            var body = kind.Item2.DeepClone().AsObject();
            var update = new JsonObject { ["update_id"] = repeat == 0 ? updateId % 50 : updateId, [kind.Item1] = body };
            if (repeat < 3)
            {
                // A field Telegram adds later must change nothing.
                body["zz_" + unknownName] = new JsonObject { ["nested"] = unknownValue, ["n"] = repeat };
                update["zz_future"] = new JsonArray(1, "two", null);
            }
            return update.ToJsonString();
        });

    private static JsonObject Group(long id, string type) => new() { ["id"] = id, ["type"] = type, ["title"] = "group" };

    private static JsonObject Optional(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
        return node;
    }
}
