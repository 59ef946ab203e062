using System.Net;
using System.Text.Json;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Support;

/// <summary>The fake server's webhook, driven by the real TelegramBotClient against a small web server of the test's
/// own, so that the webhook-mode tests can trust that it posts, and posts again, as Telegram does.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class FakeTelegramWebhookTests : IAsyncLifetime
{
    private readonly FakeTelegramServer server = new();
    private readonly List<(string? Secret, int UpdateId)> received = [];
    private readonly Queue<int> answers = new([0, 500, 200]);
    private WebApplication? target;
    private string targetUrl = "";

    public async Task InitializeAsync()
    {
        await server.StartAsync();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        target = builder.Build();
        target.Run(ReceiveAsync);
        await target.StartAsync();
        targetUrl = target.Urls.First() + "/telegram/hook";
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnUpdateIsPostedWithTheSecretAndPostedAgainAfterATimeoutAndAnErrorUntilTaken()
    {
        var client = server.CreateClient();
        // Long enough that the posts answered at once are never taken for unanswered on a busy machine.
        server.WebhookTimeout = TimeSpan.FromSeconds(2);
        await client.SetWebhook(url: targetUrl, secretToken: "s3cret-Token_1", maxConnections: 5);
        var member = server.PrivateChatWith(userId: 88001, firstName: "W");

        var sent = await member.SendsAsync("привет");
        await server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
        var info = await client.GetWebhookInfo();
        var polled = await Assert.ThrowsAsync<ApiRequestException>(() => client.GetUpdates());
        await client.DeleteWebhook();
        var afterDelete = await client.GetUpdates(timeout: 0);

        Assert.Equal([0, 500, 200], server.WebhookPosts.Select(p => p.Status));
        Assert.All(server.WebhookPosts, post => Assert.Equal(sent.Id, post.UpdateId));
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal(("s3cret-Token_1", sent.Id), r));
        Assert.Equal(targetUrl, info.Url);
        Assert.Equal(0, info.PendingUpdateCount);
        Assert.Equal(5, info.MaxConnections);
        Assert.NotNull(info.LastErrorDate);
        Assert.StartsWith("Wrong response from the webhook: 500", info.LastErrorMessage, StringComparison.Ordinal);
        Assert.Equal(409, polled.ErrorCode);
        // Taken by the webhook, so not handed out again by getUpdates.
        Assert.Empty(afterDelete);
        Assert.Equal("", server.WebhookUrl);
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options);
        int answer;
        lock (received)
        {
            received.Add((context.Request.Headers[FakeTelegramServer.SecretHeader].FirstOrDefault(), update?.Id ?? 0));
            answer = answers.Count > 0 ? answers.Dequeue() : 200;
        }
        if (answer == 0)
        {
            // No answer in time: the fake gives up on this post and makes it again.
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            answer = 200;
        }
        context.Response.StatusCode = answer;
    }
}
