using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram;

public sealed class UpdatesInHandTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero));

    private UpdatesInHand Make(int perChat = 3, int parallel = 1) =>
        new(Options.Create(new TelegramOptions { MaxUpdatesInHandPerChat = perChat, ParallelChats = parallel }), _time, NullLogger<UpdatesInHand>.Instance);

    [Fact]
    public void TheOffsetStaysAtTheLowestUpdateInHandWhileLaterOnesFinish()
    {
        var inHand = Make();
        Assert.Equal(Admission.Taken, inHand.Admit(10, chat: 1));
        Assert.Equal(Admission.Taken, inHand.Admit(11, chat: 2));
        Assert.Equal(Admission.Taken, inHand.Admit(12, chat: 3));

        inHand.Finish(11, chat: 2);
        inHand.Finish(12, chat: 3);
        Assert.Equal(10, inHand.Offset);

        inHand.Finish(10, chat: 1);
        Assert.Equal(13, inHand.Offset);
    }

    [Fact]
    public void AnUpdateDeliveredAgainWhileInHandOrBeforeItIsConfirmedIsNotTakenTwice()
    {
        var inHand = Make();
        inHand.Admit(10, chat: 1);
        inHand.Admit(11, chat: 2);
        inHand.Finish(11, chat: 2);

        Assert.Equal(Admission.Known, inHand.Admit(10, chat: 1));
        Assert.Equal(Admission.Known, inHand.Admit(11, chat: 2));
        Assert.Equal(Admission.Taken, inHand.Admit(12, chat: 2));
    }

    [Fact]
    public void AnUpdateThatComesAgainAfterItWasConfirmedIsTakenForTheRouterToRecognise()
    {
        var inHand = Make();
        inHand.Admit(10, chat: 1);
        inHand.Finish(10, chat: 1);
        Assert.Equal(11, inHand.Offset);

        Assert.Equal(Admission.Taken, inHand.Admit(10, chat: 1));
        Assert.Equal(10, inHand.Offset);
    }

    [Fact]
    public void AChatOverItsCapIsRefusedOnceAsANewBurstThenQuietlyWhileOthersAreStillTaken()
    {
        var inHand = Make(perChat: 2);
        var admitted = Enumerable.Range(100, 6).Select(id => inHand.Admit(id, chat: 7)).ToList();
        var other = inHand.Admit(106, chat: 8);

        Assert.Equal([Admission.Taken, Admission.Taken, Admission.RefusedFirst, Admission.Refused, Admission.Refused, Admission.Refused], admitted);
        Assert.Equal(Admission.Taken, other);
        Assert.Equal(2, inHand.MostInHandForOneChat);
        Assert.Equal(4, inHand.Dropped);
        // Refused updates count as finished: only the ones in hand hold the offset back.
        Assert.Equal(100, inHand.Offset);
    }

    [Fact]
    public void DuringABurstEveryUpdateOfTheChatIsDroppedUntilItHasBeenQuiet()
    {
        var inHand = Make(perChat: 2);
        inHand.Admit(1, chat: 7);
        inHand.Admit(2, chat: 7);
        inHand.Admit(3, chat: 7);
        inHand.Finish(1, chat: 7);
        inHand.Finish(2, chat: 7);
        _time.Advance(UpdatesInHand.BurstQuiet / 2);

        Assert.Equal(Admission.Refused, inHand.Admit(4, chat: 7));
        _time.Advance(UpdatesInHand.BurstQuiet / 2);
        Assert.Equal(Admission.Refused, inHand.Admit(5, chat: 7));
        _time.Advance(UpdatesInHand.BurstQuiet);
        Assert.Equal(Admission.Taken, inHand.Admit(6, chat: 7));
        Assert.Equal(Admission.Taken, inHand.Admit(7, chat: 7));
    }

    [Fact]
    public async Task UpdatesAChatHadQueuedWhenItsBurstBeganAreNoLongerWanted()
    {
        var inHand = Make(perChat: 2);
        inHand.Admit(1, chat: 7);
        inHand.Admit(2, chat: 7);
        inHand.Admit(3, chat: 8);
        inHand.Admit(4, chat: 7);

        Assert.False(await inHand.StillWantedAsync(2, chat: 7, New));
        Assert.True(await inHand.StillWantedAsync(3, chat: 8, New));
        Assert.Equal(2, inHand.Dropped);
    }

    [Fact]
    public async Task AnUpdateHandledBeforeARestartIsTakenAndKeptThroughItsChatsBurst()
    {
        // After a restart the chat's updates come back with what the member sent meanwhile; the one that submitted a
        // report is the only way its receipt reaches the member again.
        var inHand = Make(perChat: 2);
        inHand.Admit(1, chat: 7);
        inHand.Admit(2, chat: 7);

        Assert.Equal(Admission.Taken, inHand.Admit(3, chat: 7, handledBefore: true));
        Assert.Equal(Admission.RefusedFirst, inHand.Admit(4, chat: 7));
        Assert.Equal(Admission.Taken, inHand.Admit(5, chat: 7, handledBefore: true));

        Assert.True(await inHand.StillWantedAsync(1, chat: 7, Before));
        Assert.False(await inHand.StillWantedAsync(2, chat: 7, New));
        Assert.Equal(2, inHand.Dropped);
    }

    [Fact]
    public void UpdatesHandledBeforeARestartDoNotCountTowardsTheCapOfTheirChat()
    {
        var inHand = Make(perChat: 2);
        Assert.Equal(Admission.Taken, inHand.Admit(1, chat: 7, handledBefore: true));
        Assert.Equal(Admission.Taken, inHand.Admit(2, chat: 7, handledBefore: true));
        Assert.Equal(Admission.Taken, inHand.Admit(3, chat: 7, handledBefore: true));

        Assert.Equal(Admission.Taken, inHand.Admit(4, chat: 7));
        Assert.Equal(Admission.Taken, inHand.Admit(5, chat: 7));
        Assert.Equal(Admission.RefusedFirst, inHand.Admit(6, chat: 7));

        // Finishing them frees no room that new ones had taken.
        inHand.Finish(1, chat: 7);
        inHand.Finish(2, chat: 7);
        _time.Advance(UpdatesInHand.BurstQuiet);
        Assert.Equal(Admission.RefusedFirst, inHand.Admit(7, chat: 7));
        Assert.Equal(3, inHand.Offset);
    }

    private static ValueTask<bool> New() => ValueTask.FromResult(false);

    private static ValueTask<bool> Before() => ValueTask.FromResult(true);

    [Fact]
    public void WhenTooMuchIsInHandInAllTheRestIsLeftUnconfirmed()
    {
        // One chat's cap plus four per parallel chat: 2 + 4.
        var inHand = Make(perChat: 2, parallel: 1);
        for (var chat = 1; chat <= 6; chat++)
        {
            Assert.Equal(Admission.Taken, inHand.Admit(chat, chat));
        }

        Assert.Equal(Admission.Full, inHand.Admit(7, chat: 7));
        Assert.Equal(1, inHand.Offset);
    }

    [Fact]
    public async Task FinishingAnUpdateSignalsProgress()
    {
        var inHand = Make();
        inHand.Admit(1, chat: 1);
        var progress = inHand.Progress;
        Assert.False(progress.IsCompleted);

        inHand.Finish(1, chat: 1);

        await progress.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void ACapOutsideItsRangeIsRefusedNamingTheSetting(string cap)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.DefaultToken,
            ["Telegram:MaxUpdatesInHandPerChat"] = cap,
        });
        builder.Services.AddTelegram();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Contains("MaxUpdatesInHandPerChat", error.Message, StringComparison.Ordinal);
    }
}
