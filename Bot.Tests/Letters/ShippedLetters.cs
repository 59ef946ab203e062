using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Tests.Moderation;

namespace CommunityBot.Tests.Letters;

/// <summary>The shipped letter templates and the letter interview over the shipped flow, as the tests that drive the
/// interview directly use them, with the answers an activist types for the single-case letter in Russian.</summary>
internal static class ShippedLetters
{
    public const string SingleCase = "appeal-chief-narcologist";
    public const string ManyCases = "summary-appeal-health-department";

    public static readonly DateOnly Today = new(2026, 11, 29);

    public static readonly LetterTemplateCatalog Catalog =
        LetterTemplateCatalog.Load([LetterTemplateCatalog.ShippedFolder], StatisticsStores.Flow, new LetterRenderer());

    public static readonly LetterInterview Interview = new(StatisticsStores.Flow, FilterVocabulary.Of(StatisticsStores.Flow, ["almaty"]));

    /// <summary>The required fields of <see cref="SingleCase"/> in Russian, in the order they are asked.</summary>
    public static readonly string[] RussianFields =
    [
        "Руководителю Управления общественного здравоохранения г. Алматы",
        "Иванову И. И.",
        "Общественный фонд «Сообщество пациентов ОЗТ»",
        "123456789012",
        "050000, г. Алматы, ул. Абая, 1",
        "Кодекс Республики Казахстан «О здоровье народа и системе здравоохранения»",
        "Председатель правления А. Б. Сидоров",
    ];
}
