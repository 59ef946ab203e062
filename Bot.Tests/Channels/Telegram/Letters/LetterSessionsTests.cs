using System.Text;
using CommunityBot.Channels.Telegram.Letters;
using CommunityBot.Letters;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram.Letters;

public sealed class LetterSessionsTests
{
    private const long Group = -1009000000001;

    [Fact]
    public void ALetterEndsThirtyMinutesAfterItsLastStep()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var sessions = new LetterSessions(time);
        var session = sessions.Start("aigul", Group, inPrivate: false, "ru") ?? throw new InvalidOperationException("not started");

        time.Advance(TimeSpan.FromMinutes(29));
        sessions.Save(session with { Step = LetterStep.Report, Question = 42 });
        time.Advance(TimeSpan.FromMinutes(29));
        var stillOpen = sessions.Find(session.Id, "aigul", Group);
        var asked = sessions.AskedBy(Group, 42);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(stillOpen);
        Assert.NotNull(asked);
        Assert.Null(sessions.Find(session.Id, "aigul", Group));
        Assert.Null(sessions.AskedBy(Group, 42));
    }

    [Fact]
    public void ALetterSomeoneWalkedAwayFromIsSweptOnTimeWithoutAnotherLetterStarting()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var sessions = new LetterSessions(time);
        sessions.Start("aigul", Group, inPrivate: true, "ru");

        time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(0, sessions.Count);
    }

    [Fact]
    public void ALetterIsFoundOnlyForItsOwnPersonInItsOwnChat()
    {
        var sessions = new LetterSessions(new FakeTimeProvider());
        var aigul = sessions.Start("aigul", Group, inPrivate: false, "ru") ?? throw new InvalidOperationException("not started");
        var bolat = sessions.Start("bolat", Group, inPrivate: false, "ru") ?? throw new InvalidOperationException("not started");

        Assert.NotEqual(aigul.Id, bolat.Id);
        Assert.NotNull(sessions.Find(aigul.Id, "aigul", Group));
        Assert.Null(sessions.Find(aigul.Id, "bolat", Group));
        Assert.Null(sessions.Find(aigul.Id, "aigul", 732000));
        Assert.NotNull(sessions.Find(bolat.Id, "bolat", Group));
    }

    [Fact]
    public void ANewLetterReplacesThePersonsEarlierOneInTheSameChatAndACommandInPrivateEndsIt()
    {
        var sessions = new LetterSessions(new FakeTimeProvider());
        var first = sessions.Start("dana", 732500, inPrivate: true, "ru") ?? throw new InvalidOperationException("not started");
        var second = sessions.Start("dana", 732500, inPrivate: true, "ru") ?? throw new InvalidOperationException("not started");
        sessions.Save(second with { Step = LetterStep.Field, Field = "recipient" });

        Assert.Null(sessions.Find(first.Id, "dana", 732500));
        Assert.NotNull(sessions.AwaitingText(732500));
        sessions.EndIn(732500);
        Assert.Null(sessions.AwaitingText(732500));
        Assert.Null(sessions.Find(second.Id, "dana", 732500));
    }

    [Fact]
    public void BeyondTheLimitANewLetterIsRefused()
    {
        var sessions = new LetterSessions(new FakeTimeProvider());
        for (var i = 0; i < LetterSessions.Limit; i++)
        {
            Assert.NotNull(sessions.Start("moderator" + i, Group, inPrivate: false, "ru"));
        }

        Assert.Null(sessions.Start("one-too-many", Group, inPrivate: false, "ru"));
    }

    [Fact]
    public void LetterButtonsFitTelegramsLimitAndReadBack()
    {
        var session = new LetterSessions(new FakeTimeProvider()).Start("aigul", Group, inPrivate: false, "ru") ?? throw new InvalidOperationException("not started");
        var data = LetterPress.Data(session, LetterPress.Field, "12");

        Assert.True(Encoding.UTF8.GetByteCount(data) <= 64, data);
        Assert.Equal(new LetterPress(session.Id, LetterPress.Field, "12"), LetterPress.Parse(data));
        Assert.Equal(12, LetterPress.Parse(data)?.Index);
        Assert.Equal(new LetterPress(session.Id, LetterPress.Send, ""), LetterPress.Parse(LetterPress.Data(session, LetterPress.Send)));
        Assert.All(new[] { null, "", "l:", "l::s", "l:abc:send", "m:t:abc", "l:abc:f:1:2", "l:abc:" + new string('x', 64) },
            forged => Assert.Null(LetterPress.Parse(forged)));
    }
}
