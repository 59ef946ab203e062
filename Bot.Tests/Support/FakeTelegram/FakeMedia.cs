using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>Media attachments shaped like the ones Telegram puts in members' messages.</summary>
internal static class FakeMedia
{
    public static Sticker Sticker() => new()
    {
        FileId = NextId("sticker"),
        FileUniqueId = NextId("u"),
        Type = StickerType.Regular,
        Width = 512,
        Height = 512,
        Emoji = "👍",
    };

    public static PhotoSize[] Photo() =>
    [
        new PhotoSize { FileId = NextId("photo"), FileUniqueId = NextId("u"), Width = 90, Height = 67, FileSize = 1_200 },
        new PhotoSize { FileId = NextId("photo"), FileUniqueId = NextId("u"), Width = 1280, Height = 960, FileSize = 98_000 },
    ];

    public static Voice Voice(int seconds) => new()
    {
        FileId = NextId("voice"), FileUniqueId = NextId("u"), Duration = seconds, MimeType = "audio/ogg", FileSize = seconds * 2_000,
    };

    public static Document Document(string fileName) => new()
    {
        FileId = NextId("document"), FileUniqueId = NextId("u"), FileName = fileName, MimeType = "application/pdf", FileSize = 54_321,
    };

    private static string NextId(string kind) => $"{kind}-{Guid.NewGuid():N}";
}
