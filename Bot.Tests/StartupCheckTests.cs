using CommunityBot.Letters;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests;

/// <summary>The start-up check runs in every host, the tests' own included, not only in the program's verbs.</summary>
public sealed class StartupCheckTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ATestHostWithABrokenLetterTemplateDoesNotStart()
    {
        var templates = _data.File("templates");
        Directory.CreateDirectory(Path.Combine(templates, "en"));
        await File.WriteAllTextAsync(Path.Combine(templates, "en", "broken.liquid"), "---\nid: broken\n---\nno sections at all\n");

        var refused = await Assert.ThrowsAsync<LetterTemplateException>(() =>
            ChatHost.StartAsync(_data.Path, settings: new Dictionary<string, string?> { ["Letters:TemplatesFolder"] = templates }));

        Assert.IsAssignableFrom<ConfigurationException>(refused);
        Assert.Contains("broken.liquid", refused.Message);
    }

    [Fact]
    public async Task SettingsRefusedByTheirValidatorsComeOutAsAConfigurationProblemListingEveryFailure()
    {
        var settings = new Dictionary<string, string?> { ["Retention:PurgeOlderThan"] = "soon", ["Retention:Statuses"] = "resolved,closed" };

        var builder = BotHost.CreateBuilder(_data.Path, interactive: true, settings);
        BotHost.UseLocalKeyFile(builder);
        using var host = builder.Build();
        var refused = await Assert.ThrowsAsync<SettingsException>(() => StartupCheck.StartAsync(host));

        Assert.Contains("Retention:PurgeOlderThan 'soon'", refused.Message);
        Assert.Contains("Retention:Statuses: unknown status 'closed'", refused.Message);
        Assert.Equal(2, refused.Message.Split(Environment.NewLine).Length);
    }
}
