using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommunityBot.Tests.Privacy;

/// <summary>
/// The police take the server: its data folder and its log. With a list of people they suspect, they try every link
/// the code itself allows. With sealed keys and no passphrase they find nothing; with a plain key file they find only
/// what the threat model (THREAT_MODEL.md) says: the open drafts of suspects who are in the middle of a report today,
/// and the chat of a consenting member whose case is still open — nothing about anyone who submitted a report without
/// follow-up, or whose case is closed.
/// </summary>
public sealed class SeizureDrillTests : TelegramScenario
{
    private const long SubmittedNoFollowUp = 7_310_001_001;
    private const long SubmittedFollowUpOpen = 7_310_001_002;
    private const long SubmittedFollowUpClosed = 7_310_001_003;
    private const long DraftOpen = 7_310_001_004;
    private const long NeverWrote = 7_310_001_005;
    private const long ModeratorId = 7_310_009_009;
    private const string Story = "Санитарка Канарейкина-Сорок-Два сказала, что метадон в этой больнице не положен.";
    private const string Passphrase = "amber kettle over the quiet river";

    private static readonly long[] Suspects = [SubmittedNoFollowUp, SubmittedFollowUpOpen, SubmittedFollowUpClosed, DraftOpen, NeverWrote];

    private static string T(string key) => Texts.Get("ru", key);

    private static string UsernameOf(long id) => "suspect_" + id.ToString(CultureInfo.InvariantCulture)[^3..] + "_x";

    private static string FirstNameOf(long id) => "Подозреваемый" + id.ToString(CultureInfo.InvariantCulture)[^3..];

    [Fact]
    public async Task ASeizedServerGivesUpOnlyWhatTheThreatModelSays()
    {
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Member(ModeratorId);
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        await using (var bot = await StartBotAsync())
        {
            await SubmitAsync(SubmittedNoFollowUp, followUp: false);
            await SubmitAsync(SubmittedFollowUpOpen, followUp: true);
            var closed = await SubmitAsync(SubmittedFollowUpClosed, followUp: true);
            await CloseAsync(moderators, moderator, closed);
            var drafting = Member(DraftOpen);
            await Do(drafting, m => m.SendsAsync("/report"));
            await Do(drafting, m => m.PressesAsync(T("consent.accept")));
            await Do(drafting, m => m.PressesAsync(T("category.police")));
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));

            // The daily backups kept on the server are taken with it, and scanned with the rest.
            Directory.CreateDirectory(Path.Combine(Data.Path, "backups"));
            await using var backup = File.Create(Path.Combine(Data.Path, "backups", "communitybot.backup"));
            await bot.Services.GetRequiredService<Backups>().WriteAsync(backup);
        }

        using var plain = new TempDirectory();
        using var sealedCopy = new TempDirectory();
        Copy(Data.Path, plain.Path);
        Copy(Data.Path, sealedCopy.Path);
        Assert.True(File.Exists(Path.Combine(sealedCopy.Path, "backups", "communitybot.backup")), "the backup is among the seized files");
        var keyFile = Path.Combine(sealedCopy.Path, "keys.json");
        using (var keys = KeyRing.ReadPlainKeyFile(keyFile))
        {
            File.Delete(keyFile);
            SealedKeyFile.Create(keyFile, keys, Encoding.UTF8.GetBytes(Passphrase), new Argon2Cost(8 * 1024, 1, 1));
        }

        await SealedKeysWithoutThePassphraseYieldNothingAsync(sealedCopy.Path);
        await PlainKeysYieldTodaysDraftsAndOpenFollowUpsOnlyAsync(plain.Path);
    }

    private static async Task SealedKeysWithoutThePassphraseYieldNothingAsync(string seized)
    {
        // The code's own way in needs the keys, and they do not open.
        var builder = BotHost.CreateBuilder(seized, interactive: true);
        builder.Configuration["Privacy:KeyFile"] = Path.Combine(seized, "keys.json");
        using var host = builder.Build();
        var refused = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<KeyRing>());
        Assert.Contains("passphrase", refused.ToString(), StringComparison.OrdinalIgnoreCase);

        // Nor does reading the bytes: no identity, no story, no key.
        using var keys = SealedKeyFile.Open(await File.ReadAllBytesAsync(Path.Combine(seized, "keys.json")), Encoding.UTF8.GetBytes(Passphrase), "keys.json");
        Assert.NotNull(keys);
        foreach (var file in Directory.EnumerateFiles(seized, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            AssertNoIdentity(file, bytes);
            Assert.False(RawBytes.Contain(bytes, "Канарейкина"), $"{Path.GetFileName(file)} holds the story");
            foreach (var key in new[] { keys.DataKey, keys.PseudonymKey })
            {
                Assert.False(bytes.AsSpan().IndexOf(key) >= 0, $"{Path.GetFileName(file)} holds a key");
                Assert.False(RawBytes.Contain(bytes, Convert.ToBase64String(key)), $"{Path.GetFileName(file)} holds a key in base64");
            }
        }
    }

    private static async Task PlainKeysYieldTodaysDraftsAndOpenFollowUpsOnlyAsync(string seized)
    {
        foreach (var file in Directory.EnumerateFiles(seized, "*", SearchOption.AllDirectories))
        {
            AssertNoIdentity(file, await File.ReadAllBytesAsync(file));
        }

        var builder = BotHost.CreateBuilder(seized, interactive: true);
        BotHost.UseLocalKeyFile(builder);
        using var host = builder.Build();
        var drafts = host.Services.GetRequiredService<DraftStore>();
        var reports = host.Services.GetRequiredService<ReportStore>();
        var database = host.Services.GetRequiredService<Database>();

        // Every suspect's pseudonym, under every key the server still holds.
        var withDrafts = new List<long>();
        foreach (var suspect in Suspects)
        {
            if (await drafts.LoadAsync(await drafts.PseudonymAsync(MemberKey.Telegram(suspect).Raw)) is not null)
            {
                withDrafts.Add(suspect);
            }
        }
        Assert.Equal([DraftOpen], withDrafts);

        // Every follow-up contact the server keeps, decrypted.
        var ids = await database.RunAsync(db => db.GetCollection("followups").FindAll().Select(d => d["_id"].AsGuid).ToList());
        var chats = new List<long>();
        foreach (var id in ids)
        {
            chats.Add((await host.Services.GetRequiredService<FollowUpContacts>().FindAsync(id))?.ChatId ?? 0);
        }
        Assert.Equal([SubmittedFollowUpOpen], chats);

        // The reports themselves hold nothing that names a person, decrypted or not.
        var documents = await database.RunAsync(db => db.GetCollection("reports").FindAll().ToList());
        Assert.Equal(3, documents.Count);
        foreach (var document in documents)
        {
            var json = JsonSerializer.Serialize(document);
            foreach (var suspect in Suspects)
            {
                Assert.DoesNotContain(suspect.ToString(CultureInfo.InvariantCulture), json, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertNoIdentity(string file, byte[] bytes)
    {
        foreach (var suspect in Suspects.Append(ModeratorId))
        {
            Assert.False(RawBytes.Contain(bytes, suspect.ToString(CultureInfo.InvariantCulture)), $"{Path.GetFileName(file)} holds the id {suspect}");
            Assert.False(bytes.AsSpan().IndexOf(BitConverter.GetBytes(suspect)) >= 0, $"{Path.GetFileName(file)} holds the id {suspect} as a number");
            Assert.False(RawBytes.Contain(bytes, UsernameOf(suspect)), $"{Path.GetFileName(file)} holds a username");
            Assert.False(RawBytes.Contain(bytes, FirstNameOf(suspect)), $"{Path.GetFileName(file)} holds a name");
        }
    }

    private FakeMember Member(long id) => Server.PrivateChatWith(userId: id, firstName: FirstNameOf(id), username: UsernameOf(id), languageCode: "ru");

    private async Task<string> SubmitAsync(long id, bool followUp)
    {
        var member = Member(id);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        var receipt = await ReportFromCategoryAsync(member, followUp, Story);
        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        Assert.NotEmpty(label);
        return label;
    }

    /// <summary>A moderator takes the case through to resolved, by the card's buttons.</summary>
    private async Task CloseAsync(FakeGroup moderators, FakeMember moderator, string label)
    {
        await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true);
        foreach (var button in new[] { "mod.verify", "mod.action_taken", "mod.resolve" })
        {
            var answered = Server.Calls("answerCallbackQuery").Count;
            await moderators.MemberPressesAsync(moderator, T(button));
            await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the bot answered the press");
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target) ?? to);
            File.Copy(file, target, overwrite: true);
        }
    }
}
