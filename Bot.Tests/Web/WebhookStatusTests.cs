using CommunityBot.Channels.Telegram.Webhook;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Web;

/// <summary>When the Telegram webhook counts as healthy: what Telegram's getWebhookInfo last said, and when.</summary>
public sealed class WebhookStatusTests
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AWebhookNotYetAskedAboutIsNotHealthy()
    {
        var status = new WebhookStatus(_time);

        var health = status.Judge(CheckEvery);

        Assert.False(health.Healthy);
        Assert.Equal("webhook", health.Mode);
        Assert.Null(health.SecondsSinceContact);
    }

    [Fact]
    public void AQuietWebhookThatIsOursAndHasNoErrorIsHealthyWithoutAnyDelivery()
    {
        var status = new WebhookStatus(_time);
        status.Checked(ours: true, lastError: null);
        _time.Advance(TimeSpan.FromSeconds(90));

        var health = status.Judge(CheckEvery);

        Assert.True(health.Healthy);
        Assert.Null(health.Problem);
        Assert.Equal(90, health.SecondsSinceContact);
    }

    [Fact]
    public void ARecentDeliveryErrorWithNothingDeliveredSinceIsUnhealthyAndADeliveryAfterItHeals()
    {
        var status = new WebhookStatus(_time);
        status.Delivered();
        _time.Advance(TimeSpan.FromMinutes(1));
        status.Checked(ours: true, lastError: _time.GetUtcNow().AddSeconds(-20));

        var failing = status.Judge(CheckEvery);
        status.Delivered();
        var healed = status.Judge(CheckEvery);

        Assert.False(failing.Healthy);
        Assert.Equal("Telegram reports a recent delivery error and nothing was delivered since", failing.Problem);
        Assert.True(healed.Healthy);
    }

    [Fact]
    public void AnOldDeliveryErrorNoLongerCounts()
    {
        var status = new WebhookStatus(_time);
        status.Checked(ours: true, lastError: _time.GetUtcNow() - WebhookStatus.ErrorsCountFor - TimeSpan.FromSeconds(1));

        Assert.True(status.Judge(CheckEvery).Healthy);
    }

    [Fact]
    public void AWebhookSetElsewhereOrTelegramSilentForThreeChecksIsUnhealthy()
    {
        var status = new WebhookStatus(_time);
        status.Checked(ours: false, lastError: null);
        var elsewhere = status.Judge(CheckEvery);
        status.Checked(ours: true, lastError: null);
        _time.Advance(CheckEvery * 3 + TimeSpan.FromSeconds(1));
        var silent = status.Judge(CheckEvery);

        Assert.Equal("the webhook is not set to this service's address", elsewhere.Problem);
        Assert.Equal("Telegram has not answered getWebhookInfo lately", silent.Problem);
    }
}
