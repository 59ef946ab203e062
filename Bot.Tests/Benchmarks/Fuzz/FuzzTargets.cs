using System.Collections.Immutable;
using System.Text.Json;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Benchmarks.Fuzz;

/// <summary>A target with whatever it runs against (a started host, a folder of damaged files), disposed after the run.</summary>
internal sealed class FuzzTargets : IAsyncDisposable
{
    // The period words /stats knows (ReportFilterWords reads them in its parser).
    private static readonly string[] PeriodWords = ["week", "month", "quarter", "year"];

    private static readonly DateOnly Today = new(2026, 11, 29);

    // A file on disk holds bytes: a lone surrogate in a generated text becomes U+FFFD, as an editor would save it.
    private static readonly System.Text.Encoding FileText = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly List<IAsyncDisposable> _owned = [];

    private FuzzTargets()
    {
    }

    public FuzzTarget Target { get; private set; } = new("none", Gen.Const(""), _ => Task.CompletedTask);

    public static async Task<FuzzTargets> CreateAsync(string name)
    {
        var targets = new FuzzTargets();
        targets.Target = name switch
        {
            "router" => await targets.RouterAsync(),
            "dates" => Dates(),
            "choices" => Choices(),
            "filters" => Filters(),
            "flows" => targets.Flows(),
            "letters" => targets.Letters(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fuzz target"),
        };
        return targets;
    }

    /// <summary>The real router of one started host, talking to the fake Bot API. The router catches every failure
    /// and apologises; its log of the failure is what is counted here.</summary>
    private async Task<FuzzTarget> RouterAsync()
    {
        var data = new TempDirectory();
        _owned.Add(new Disposing(data.Dispose));
        var server = new FakeTelegramServer();
        await server.StartAsync();
        _owned.Add(server);
        KeyRing.CreateKeyFile(data.File("keys.json"));
        var failures = new RouterFailures();
        // Faster than the test host's own limits: at a thousand updates a second the bot would rightly pace its
        // replies to a group, and an update waiting its turn is not a hang.
        var rates = new Dictionary<string, string?>
        {
            ["Telegram:Rates:PerChatPerSecond"] = "1000000",
            ["Telegram:Rates:PerGroupPerMinute"] = "100000000",
            ["Telegram:Rates:GlobalPerSecond"] = "1000000",
        };
        var host = await TelegramBotHost.StartAsync(server, data.Path, rates, services => services.AddSingleton<ILogger<UpdateRouter>>(failures));
        // Stopped before the server it talks to.
        _owned.Insert(0, host);
        var router = host.Services.GetRequiredService<UpdateRouter>();
        if (host.Services.GetRequiredService<ILogger<UpdateRouter>>() != failures)
        {
            throw new InvalidOperationException("the router would log its failures where the fuzz cannot see them");
        }
        return new FuzzTarget("router", UpdateJson.Update, async json =>
        {
            var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)
                ?? throw new InvalidOperationException("the generated JSON is not an update");
            await router.HandleAsync(update, CancellationToken.None);
            if (failures.Take() is { } caught)
            {
                throw new InvalidOperationException("the router caught an exception and apologised", caught);
            }
        });
    }

    private static FuzzTarget Dates()
    {
        var parser = new DateAnswerParser();
        var inputs = Gen.Select(FuzzInputs.AnyText, Gen.OneOf(Gen.Const("ru"), Gen.Const("en"), Gen.Const("kk"), Gen.Const("")))
            .Select((text, language) => language + "\n" + text);
        return new FuzzTarget("dates", inputs, input =>
        {
            var (language, text) = Split(input);
            parser.Parse(text, language, Today);
            return Task.CompletedTask;
        });
    }

    private static FuzzTarget Choices()
    {
        var flow = ShippedFlow.Load();
        var prompts = flow.Flow.Steps.Where(step => !step.Choices.IsEmpty)
            .Select(step => new Prompt("?", [.. step.Choices.Select(id => new PromptChoice(id, id.Replace('_', ' ')))], PromptKind.Notice, true, true))
            .Append(new Prompt("?", [new PromptChoice(ChoiceIds.Yes, "Да"), new PromptChoice(ChoiceIds.No, "Нет")], PromptKind.Notice, true, true))
            .ToImmutableArray();
        var inputs = Gen.Select(FuzzInputs.AnyText, Gen.Int[-3, 40]).Select((text, count) => count + "\n" + text);
        return new FuzzTarget("choices", inputs, input =>
        {
            var (countText, text) = Split(input);
            var count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
            if (ChoiceNumberParser.TryParseOne(text, count, out var one) && (one < 1 || one > count))
            {
                throw new InvalidOperationException($"choice {one} is outside 1..{count}");
            }
            if (ChoiceNumberParser.TryParseMany(text, count, out var many) && many.Any(i => i < 1 || i > count))
            {
                throw new InvalidOperationException($"a choice is outside 1..{count}");
            }
            TypedChoice.Match(prompts[Math.Abs(count) % prompts.Length], text, flow.Texts);
            return Task.CompletedTask;
        });
    }

    private static FuzzTarget Filters()
    {
        var shipped = ShippedFlow.Load();
        var vocabulary = FilterVocabulary.Of(shipped, ["almaty", "shymkent"], shipped.Texts);
        var known = PeriodWords.Concat(ReportFilterWords.StatusIds).Concat(vocabulary.Categories).Concat(vocabulary.Communities)
            .Concat(["на", "рассмотрении", "за", "последние", "30", "дней", "99999", "месяц", "новые", "со", "статусом", "last", "days"])
            .Concat(["csv", "json", "2026-01-01", "2026-01-01..2026-02-01", "..2026-02-01", "2026-13-45", "2026-02-01..2026-01-01", "99999-01-01",
                ReportFilterWords.StatusPrefix, ReportFilterWords.CategoryPrefix, ReportFilterWords.CommunityPrefix, "status:new", "category:", "community:almaty"])
            .Select(Gen.Const).ToArray();
        var word = Gen.Frequency((6, Gen.OneOf(known)), (2, FuzzInputs.AnyUnicode), (1, FuzzInputs.DigitsAndDots), (1, FuzzInputs.OddUnicode));
        var inputs = Gen.Select(word.Array[0, 8], Gen.OneOf(Gen.Const(" "), Gen.Const("  "), Gen.Const("\n"), Gen.Const("\u00A0")), Gen.Bool)
            .Select((words, separator, export) => (export ? "export" : "filter") + "\n" + string.Join(separator, words));
        return new FuzzTarget("filters", inputs, input =>
        {
            var (verb, words) = Split(input);
            var parsed = verb == "export" ? ReportFilterWords.ParseExport(words, Today, vocabulary) : ReportFilterWords.ParseFilter(words, Today, vocabulary);
            if (parsed is FilterWords.Parsed { Filter: var filter })
            {
                ReportFilterWords.Describe(filter, vocabulary);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The shipped flow, texts and places copied to a folder of their own; each input damages one of them
    /// and the loader must either accept the result or refuse it with a list of problems.</summary>
    private FuzzTarget Flows()
    {
        var folder = new TempDirectory();
        _owned.Add(new Disposing(folder.Dispose));
        var texts = Directory.CreateDirectory(Path.Combine(folder.Path, "texts")).FullName;
        string[] files = ["incident.yaml", "places.yaml", "texts/ru.yaml", "texts/en.yaml", "texts/kk.yaml"];
        var originals = files.ToDictionary(file => file, file => System.IO.File.ReadAllText(Path.Combine(ShippedFlow.FlowsDirectory, file)));
        foreach (var (file, text) in originals)
        {
            System.IO.File.WriteAllText(Path.Combine(folder.Path, file), text);
        }
        var shipped = ShippedFlow.Load();
        var inputs = Gen.Frequency((6, Gen.Const(files[0])), (1, Gen.Const(files[1])), (1, Gen.Const(files[2])), (1, Gen.Const(files[3])), (1, Gen.Const(files[4])))
            .SelectMany(file => FuzzInputs.Mutated(originals[file]).Select(text => file + "\n" + text));
        return new FuzzTarget("flows", inputs, input =>
        {
            var (file, text) = Split(input);
            var path = Path.Combine(folder.Path, file);
            System.IO.File.WriteAllText(path, text, FileText);
            try
            {
                // FlowBundle.Load, step by step, reading again only the damaged file: the texts take most of the
                // time to read, and reading them untouched 100,000 times finds nothing.
                var problems = new List<FlowProblem>();
                var flow = file == files[0] ? FlowLoader.Load(path, problems) : shipped.Flow;
                var catalog = file.StartsWith("texts/", StringComparison.Ordinal) ? TextCatalog.Load(texts, "ru", problems) : shipped.Texts;
                var places = file == files[1] ? PlaceDirectory.Load(path, problems) : shipped.Places;
                if (flow is not null && catalog is not null && places is not null && problems.Count == 0)
                {
                    FlowValidator.Validate(new FlowBundle(flow, catalog, places));
                }
            }
            finally
            {
                System.IO.File.WriteAllText(path, originals[file], FileText);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>Each input is one shipped template, damaged, alone in a folder the catalog loads: accepted, or
    /// refused with a list of problems.</summary>
    private FuzzTarget Letters()
    {
        var folder = new TempDirectory();
        _owned.Add(new Disposing(folder.Dispose));
        var flow = ShippedFlow.Load();
        var renderer = new LetterRenderer();
        var shipped = Directory.EnumerateFiles(LetterTemplateCatalog.ShippedFolder, "*" + LetterTemplateFile.Extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => (Language: Path.GetFileName(Path.GetDirectoryName(file) ?? ""), Name: Path.GetFileName(file), Text: System.IO.File.ReadAllText(file)))
            .ToArray();
        var inputs = Gen.Int[0, shipped.Length - 1]
            .SelectMany(index => FuzzInputs.Mutated(shipped[index].Text).Select(text => shipped[index].Language + "/" + shipped[index].Name + "\n" + text));
        return new FuzzTarget("letters", inputs, input =>
        {
            var (name, text) = Split(input);
            var path = Path.Combine(folder.Path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? folder.Path);
            System.IO.File.WriteAllText(path, text, FileText);
            try
            {
                LetterTemplateCatalog.Load([folder.Path], flow, renderer);
            }
            catch (LetterTemplateException)
            {
                // The clean refusal an operator reads.
            }
            finally
            {
                System.IO.File.Delete(path);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>Inputs carry their parameters on the first line, so a saved input is all it takes to replay it.</summary>
    private static (string Head, string Body) Split(string input)
    {
        var newline = input.IndexOf('\n', StringComparison.Ordinal);
        return (input[..newline], input[(newline + 1)..]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    private sealed class Disposing(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Stands in for the router's logger and keeps the exception of every failure it logs.</summary>
internal sealed class RouterFailures : ILogger<UpdateRouter>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _caught = new();

    /// <summary>The first exception logged since the last call, or null.</summary>
    public Exception? Take()
    {
        Exception? first = null;
        while (_caught.TryDequeue(out var exception))
        {
            first ??= exception;
        }
        return first;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            _caught.Enqueue(exception ?? new InvalidOperationException(formatter(state, exception)));
        }
    }
}
