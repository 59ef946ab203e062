using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

public sealed class FlowValidatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flow-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheShippedFlowIsValidInEveryLanguage()
    {
        var bundle = ShippedFlow.Load();

        Assert.Equal(["en", "kk", "ru"], bundle.Texts.Languages);
        Assert.Empty(FlowValidator.Validate(bundle));
    }

    [Fact]
    public void EveryLanguageFileHasExactlyTheSameKeys()
    {
        var texts = ShippedFlow.Load().Texts;
        var russian = texts.KeysOf("ru").Order(StringComparer.Ordinal).ToList();

        foreach (var language in texts.Languages)
        {
            Assert.Equal(russian, texts.KeysOf(language).Order(StringComparer.Ordinal).ToList());
        }
    }

    private const string Texts = """
        language.name: "Test"
        a.prompt: "A?"
        a.label: "A"
        a.x: "X"
        a.y: "Y"
        b.prompt: "B?"
        b.label: "B"
        c.prompt: "C?"
        c.label: "C"
        end.prompt: "Review"
        """;

    /// <summary>The flow of <see cref="Texts"/> with a directory of one region, in English (the default) and Kazakh.</summary>
    private FlowBundle LoadWithPlaces(string places)
    {
        var flowFile = Path.Combine(_folder, "flow.yaml");
        File.WriteAllText(flowFile, """
            id: t
            version: 1
            start: a
            steps:
              - { id: a, kind: single, choices: [x, y], next: b }
              - { id: b, kind: text, next: end }
              - { id: end, kind: review }
            """);
        var textsFolder = Directory.CreateDirectory(Path.Combine(_folder, "texts")).FullName;
        var engine = string.Join("\n", TextKeys.Required.Where(k => k != "language.name").Select(k => $"{k}: \"{k}\""));
        File.WriteAllText(Path.Combine(textsFolder, "en.yaml"), Texts + "\n" + engine);
        File.WriteAllText(Path.Combine(textsFolder, "kk.yaml"), Texts + "\n" + engine);
        var placesFile = Path.Combine(_folder, "places.yaml");
        File.WriteAllText(placesFile, places);
        return FlowBundle.Load(flowFile, textsFolder, placesFile, "en");
    }

    [Fact]
    public void APlaceWithoutANameInALaterLanguageIsShownByItsDefaultName()
    {
        var bundle = LoadWithPlaces("""
            regions:
              - id: shu
                name: { en: "Shu" }
            """);

        Assert.Equal("Shu", bundle.Places.Regions[0].Name("kk", bundle.Texts.DefaultLanguage));
    }

    [Fact]
    public void APlaceWithoutANameInTheDefaultLanguageIsNamed()
    {
        var error = Assert.Throws<FlowDefinitionException>(() => LoadWithPlaces("""
            regions:
              - id: shu
                name: { kk: "Шу" }
            """));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("place 'shu'", problem.Where);
        Assert.Contains("'en'", problem.Problem);
    }

    private FlowDefinitionException LoadBroken(string flow, string texts = Texts)
    {
        var flowFile = Path.Combine(_folder, "flow.yaml");
        File.WriteAllText(flowFile, flow);
        var textsFolder = Directory.CreateDirectory(Path.Combine(_folder, "texts")).FullName;
        // Every engine key, so that only the problem planted by the test is reported.
        var engine = string.Join("\n", TextKeys.Required.Where(k => k != "language.name").Select(k => $"{k}: \"{k}\""));
        File.WriteAllText(Path.Combine(textsFolder, "en.yaml"), texts + "\n" + engine);
        return Assert.Throws<FlowDefinitionException>(() => FlowBundle.Load(flowFile, textsFolder, null, "en"));
    }

    [Fact]
    public void AnUnreachableStepIsNamed()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - { id: a, kind: single, choices: [x, y], next: b }
              - { id: b, kind: text, next: end }
              - { id: c, kind: text, next: end }
              - { id: end, kind: review }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("step 'c'", problem.Where);
        Assert.Contains("unreachable", problem.Problem);
        Assert.Contains("flow.yaml", error.Message);
    }

    [Fact]
    public void ADanglingNextIsNamed()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - id: a
                kind: single
                choices: [x, y]
                next:
                  - when: { step: a, any: [x] }
                    goto: nowhere
                  - goto: b
              - { id: b, kind: text, next: end }
              - { id: end, kind: review }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("step 'a'", problem.Where);
        Assert.Contains("'nowhere'", problem.Problem);
    }

    [Fact]
    public void AMissingTextKeyIsNamedWithItsLanguageFile()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - { id: a, kind: single, choices: [x, y, z], next: b }
              - { id: b, kind: text, next: end }
              - { id: end, kind: review }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("texts/en.yaml", problem.File);
        Assert.Equal("key 'a.z'", problem.Where);
    }

    [Fact]
    public void ALoopIsRefused()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - id: a
                kind: single
                choices: [x, y]
                next: b
              - id: b
                kind: text
                next:
                  - when: { step: a, any: [x] }
                    goto: a
                  - goto: end
              - { id: end, kind: review }
            """);

        Assert.Contains(error.Problems, p => p.Where == "step 'a'" && p.Problem.Contains("loops", StringComparison.Ordinal));
    }

    [Fact]
    public void AConditionOnAnAnswerThatCannotHappenIsRefused()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - id: a
                kind: single
                choices: [x, y]
                next:
                  - when: { step: a, any: [q] }
                    goto: b
                  - goto: b
              - { id: b, kind: text, next: end }
              - { id: end, kind: review }
            """);

        Assert.Contains("'q'", Assert.Single(error.Problems).Problem);
    }

    [Fact]
    public void BrokenYamlNamesTheFileAndLine()
    {
        var error = LoadBroken("id: t\nsteps: [ { id: a, kind: \n");

        Assert.Contains("flow.yaml", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void AnUnknownKindIsNamed()
    {
        var error = LoadBroken("""
            id: t
            version: 1
            start: a
            steps:
              - { id: a, kind: essay, next: end }
              - { id: end, kind: review }
            """);

        Assert.Contains(error.Problems, p => p.Where?.StartsWith("step 'a'", StringComparison.Ordinal) == true && p.Problem.Contains("kind", StringComparison.Ordinal));
    }
}
