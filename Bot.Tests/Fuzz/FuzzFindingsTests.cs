using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Fuzz;

/// <summary>Inputs the fuzz command once found failing, kept so they stay fixed.</summary>
public sealed class FuzzFindingsTests
{
    // YamlDotNet throws InvalidOperationException or ArgumentException, not YamlException, on these (mutated
    // incident.yaml files cut down to the characters that matter).
    private const string ScannerBreaker = "- : [\nn";

    public static TheoryData<string> Breakers => ["- : [\nn", "#\n : y:\n"];

    [Theory]
    [MemberData(nameof(Breakers))]
    public void AFlowFileYamlDotNetCannotReadIsRefusedWithAProblemInsteadOfAnUnhandledError(string text)
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("incident.yaml"), text);

        var refusal = Assert.Throws<FlowDefinitionException>(() => FlowBundle.Load(
            folder.File("incident.yaml"), Path.Combine(ShippedFlow.FlowsDirectory, "texts"), Path.Combine(ShippedFlow.FlowsDirectory, "places.yaml"), "ru"));

        Assert.Contains(refusal.Problems, problem => problem.ToString().Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void APlacesFileYamlDotNetCannotScanIsRefusedWithAProblemInsteadOfAnUnhandledError()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("places.yaml"), ScannerBreaker);

        var refusal = Assert.Throws<FlowDefinitionException>(() => FlowBundle.Load(
            Path.Combine(ShippedFlow.FlowsDirectory, "incident.yaml"), Path.Combine(ShippedFlow.FlowsDirectory, "texts"), folder.File("places.yaml"), "ru"));

        Assert.Contains(refusal.Problems, problem => problem.ToString().Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Breakers))]
    public void ALetterTemplateWhoseHeaderYamlDotNetCannotReadIsRefusedWithAProblemInsteadOfAnUnhandledError(string text)
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("en"));
        File.WriteAllText(Path.Combine(folder.Path, "en", "broken.liquid"), "---\n" + text + "\n---\n[to]\nx\n[date]\nx\n[subject]\nx\n[body]\nx\n[signature]\nx\n");

        var refusal = Assert.Throws<LetterTemplateException>(() => LetterTemplateCatalog.Load([folder.Path], StatisticsStores.Flow, new LetterRenderer()));

        Assert.Contains(refusal.Problems, problem => problem.Problem.Contains("not valid YAML", StringComparison.Ordinal));
    }
}
