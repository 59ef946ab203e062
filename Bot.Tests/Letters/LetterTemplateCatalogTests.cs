using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Letters;

public sealed class LetterTemplateCatalogTests : IDisposable
{
    private const string Header = """
        ---
        id: broken
        title: A broken letter
        recipient: nobody
        kind: single
        required:
          recipient: "To whom"
        ---
        """;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EveryShippedTemplateLoadsInBothLanguages()
    {
        var catalog = LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder], StatisticsStores.Flow, new LetterRenderer());

        string[] ids = ["appeal-chief-narcologist", "police-at-ost-sites", "summary-appeal-health-department", "take-home-doses-ministry"];
        Assert.Equal(ids, catalog.For("ru").Select(t => t.Id));
        Assert.Equal(ids, catalog.For("en").Select(t => t.Id));
        Assert.All(catalog.For("ru").Concat(catalog.For("en")), t => Assert.Contains(t.Fields, f => f.Name == "legal_basis" && f.Required));
        Assert.Equal(LetterKind.Aggregate, catalog.Find("summary-appeal-health-department", "ru")?.Kind);
        Assert.Contains("дательном", catalog.Find("appeal-chief-narcologist", "ru")?.Fields[0].Prompt);
    }

    [Fact]
    public void ASyntaxErrorNamesTheFileAndLine()
    {
        var problem = Assert.Single(Load(Header + "\n[to]\n{{ fields.recipient }}\n[date]\n{{ letter.date\n[subject]\nS\n[body]\nB\n[signature]\nS\n").Problems);

        Assert.EndsWith("broken.liquid", problem.File);
        Assert.Equal(12, problem.Line);
        Assert.Contains("broken.liquid:12", problem.ToString());
    }

    [Fact]
    public void AMisspelledFieldNamesTheFileLineAndField()
    {
        var exception = Load(Header + "\n[to]\n{{ fields.recipient }}\n[date]\n{{ letter.date }}\n[subject]\nAbout {{ report.label }}\n[body]\nIt was\n{% if report.category != \"\" %}\non {{ report.nmae }}.\n{% endif %}\n[signature]\nS\n");

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(18, problem.Line);
        Assert.Contains("report.nmae", problem.Problem);
        Assert.Contains("broken.liquid:18", exception.Message);
    }

    [Theory]
    [InlineData("{{ aggregate.total }}", "aggregate")]
    [InlineData("{{ fields.undeclared }}", "fields.undeclared")]
    [InlineData("{{ report.narrative | upcse }}", "upcse")]
    [InlineData("{% for c in report.consequences %}{{ c.name }}{% endfor %}", "c.name")]
    [InlineData("{{ reporter.name }}", "reporter")]
    public void FieldsAndFiltersTheTemplateCannotHaveAreRefused(string body, string named)
    {
        var problem = Assert.Single(Load(Header + $"\n[to]\n{{{{ fields.recipient }}}}\n[date]\nD\n[subject]\nS\n[body]\n{body}\n[signature]\nS\n").Problems);

        Assert.Contains(named, problem.Problem);
        Assert.Equal(16, problem.Line);
    }

    [Fact]
    public void LoopsAssignmentsAndListSizesAreUnderstood()
    {
        var folder = Write("en", "ok", Header.Replace("broken", "ok", StringComparison.Ordinal)
            + "\n[to]\n{{ fields.recipient }}\n[date]\n{{ letter.date }}\n[subject]\n{{ report.label }}\n[body]\n{% assign n = report.consequences.size %}{{ n }}\n"
            + "{% for c in report.consequences %}\n- {{ c | downcase }} {{ forloop.index }}\n{% endfor %}\n[signature]\n{{ fields.recipient }}\n");

        var catalog = LetterTemplateCatalog.Load([folder], StatisticsStores.Flow, new LetterRenderer());

        Assert.NotNull(catalog.Find("ok", "en"));
    }

    [Fact]
    public void AConfiguredFolderReplacesAShippedTemplate()
    {
        var shipped = File.ReadAllText(Path.Combine(LetterTemplateCatalog.ShippedFolder, "en", "police-at-ost-sites.liquid"));
        var folder = Write("en", "police-at-ost-sites", shipped.Replace("Yours sincerely,", "Respectfully,", StringComparison.Ordinal));

        var catalog = LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder, folder], StatisticsStores.Flow, new LetterRenderer());

        Assert.Equal(4, catalog.For("en").Length);
        Assert.StartsWith(folder, catalog.Find("police-at-ost-sites", "en")?.File);
    }

    [Fact]
    public void ALetterThatAsksOtherFieldsInAnotherLanguageIsRefused()
    {
        var shipped = File.ReadAllText(Path.Combine(LetterTemplateCatalog.ShippedFolder, "en", "police-at-ost-sites.liquid"));
        var folder = Write("en", "police-at-ost-sites", shipped.Replace("  sender_address: \"The", "  reply_to: \"The", StringComparison.Ordinal)
            .Replace("fields.sender_address", "fields.reply_to", StringComparison.Ordinal));

        var refused = Assert.Throws<LetterTemplateException>(() =>
            LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder, folder], StatisticsStores.Flow, new LetterRenderer()));

        Assert.Contains(refused.Problems, problem => problem.File.StartsWith(folder, StringComparison.Ordinal) && problem.Problem.Contains("reply_to", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, problem => problem.File.Contains(Path.Combine("ru", "police-at-ost-sites"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("single", "category: take_home", "'category' is for an aggregate template")]
    [InlineData("aggregate", "category: take_away", "not a choice of the flow's category step")]
    public void ACountedCategoryIsForAggregatesAndMustBeAChoiceOfTheFlow(string kind, string line, string problem)
    {
        var header = Header.Replace("kind: single", "kind: " + kind + "\n" + line, StringComparison.Ordinal);
        var body = kind == "single" ? "{{ report.label }}" : "{{ aggregate.total }}";

        var exception = Load(header + "\n[to]\nT\n[date]\nD\n[subject]\n" + body + "\n[body]\nB\n[signature]\nS\n");

        Assert.Contains(exception.Problems, found => found.Problem.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void ALanguageWithTemplatesButNoLetterWordingForAChoiceStopsStartUpNamingTheKey()
    {
        var texts = _folder.File("texts");
        Directory.CreateDirectory(texts);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ShippedFlow.FlowsDirectory, "texts"), "*.yaml"))
        {
            File.WriteAllLines(Path.Combine(texts, Path.GetFileName(file)),
                File.ReadAllLines(file).Where(line => !line.StartsWith("letters.consequences.paid_money:", StringComparison.Ordinal)));
        }
        var flow = FlowBundle.Load(Path.Combine(ShippedFlow.FlowsDirectory, "incident.yaml"), texts, Path.Combine(ShippedFlow.FlowsDirectory, "places.yaml"), "ru");

        var refused = Assert.Throws<LetterTemplateException>(() => LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder], flow, new LetterRenderer()));

        Assert.Contains(refused.Problems, problem => problem.File == "Flows/texts/en.yaml" && problem.Problem.Contains("letters.consequences.paid_money", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, problem => problem.File == "Flows/texts/ru.yaml");
    }

    [Fact]
    public void AMissingPartIsNamed()
    {
        var problem = Assert.Single(Load(Header + "\n[to]\nT\n[date]\nD\n[subject]\nS\n[body]\nB\n").Problems);

        Assert.Contains("[signature]", problem.Problem);
    }

    private LetterTemplateException Load(string text) =>
        Assert.Throws<LetterTemplateException>(() =>
            LetterTemplateCatalog.Load([Write("en", "broken", text)], StatisticsStores.Flow, new LetterRenderer()));

    private string Write(string language, string id, string text)
    {
        var folder = _folder.File("templates");
        Directory.CreateDirectory(Path.Combine(folder, language));
        File.WriteAllText(Path.Combine(folder, language, id + ".liquid"), text);
        return folder;
    }
}
