using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CommunityBot.Conversations;

/// <summary>The words and patterns <see cref="DateAnswerParser"/> reads dates with, per language.</summary>
internal static partial class DateWords
{
    internal static readonly FrozenDictionary<string, int> RussianNumbers = new Dictionary<string, int>
    {
        ["один"] = 1, ["одна"] = 1, ["одну"] = 1, ["одни"] = 1, ["два"] = 2, ["две"] = 2, ["три"] = 3,
        ["четыре"] = 4, ["пять"] = 5, ["шесть"] = 6, ["семь"] = 7, ["восемь"] = 8, ["девять"] = 9,
        ["десять"] = 10, ["пару"] = 2, ["пара"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded like the text they are looked up with (үш as уш, тоғыз as тогыз).
    internal static readonly FrozenDictionary<string, int> KazakhNumbers = new Dictionary<string, int>
    {
        ["бир"] = 1, ["еки"] = 2, ["уш"] = 3, ["торт"] = 4, ["бес"] = 5, ["алты"] = 6, ["жети"] = 7,
        ["сегиз"] = 8, ["тогыз"] = 9, ["он"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded: дүйсенбі as дуйсенби, сәрсенбі as сарсенби, жұма as жума.
    internal static readonly FrozenDictionary<string, DayOfWeek> KazakhWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["дуйсенби"] = DayOfWeek.Monday, ["сейсенби"] = DayOfWeek.Tuesday, ["сарсенби"] = DayOfWeek.Wednesday,
        ["бейсенби"] = DayOfWeek.Thursday, ["жума"] = DayOfWeek.Friday, ["сенби"] = DayOfWeek.Saturday,
        ["жексенби"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Folded: қаңтар as кантар, сәуір as сауир, желтоқсан as желтоксан.
    internal static readonly FrozenDictionary<string, int> KazakhMonths = new Dictionary<string, int>
    {
        ["кантар"] = 1, ["акпан"] = 2, ["наурыз"] = 3, ["сауир"] = 4, ["мамыр"] = 5, ["маусым"] = 6,
        ["шилде"] = 7, ["тамыз"] = 8, ["кыркуйек"] = 9, ["казан"] = 10, ["караша"] = 11, ["желтоксан"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, int> EnglishNumbers = new Dictionary<string, int>
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, DayOfWeek> RussianWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["понедельник"] = DayOfWeek.Monday, ["пн"] = DayOfWeek.Monday,
        ["вторник"] = DayOfWeek.Tuesday, ["вт"] = DayOfWeek.Tuesday,
        ["среда"] = DayOfWeek.Wednesday, ["среду"] = DayOfWeek.Wednesday, ["ср"] = DayOfWeek.Wednesday,
        ["четверг"] = DayOfWeek.Thursday, ["чт"] = DayOfWeek.Thursday,
        ["пятница"] = DayOfWeek.Friday, ["пятницу"] = DayOfWeek.Friday, ["пт"] = DayOfWeek.Friday,
        ["суббота"] = DayOfWeek.Saturday, ["субботу"] = DayOfWeek.Saturday, ["сб"] = DayOfWeek.Saturday,
        ["воскресенье"] = DayOfWeek.Sunday, ["воскресение"] = DayOfWeek.Sunday, ["вс"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, DayOfWeek> EnglishWeekdays = new Dictionary<string, DayOfWeek>
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday,
        ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Genitive is correct ("12 марта"); the nominative and short forms are what people type in a hurry.
    internal static readonly FrozenDictionary<string, int> RussianMonths = new Dictionary<string, int>
    {
        ["января"] = 1, ["январь"] = 1, ["янв"] = 1,
        ["февраля"] = 2, ["февраль"] = 2, ["фев"] = 2, ["февр"] = 2,
        ["марта"] = 3, ["март"] = 3, ["мар"] = 3,
        ["апреля"] = 4, ["апрель"] = 4, ["апр"] = 4,
        ["мая"] = 5, ["май"] = 5,
        ["июня"] = 6, ["июнь"] = 6, ["июн"] = 6,
        ["июля"] = 7, ["июль"] = 7, ["июл"] = 7,
        ["августа"] = 8, ["август"] = 8, ["авг"] = 8,
        ["сентября"] = 9, ["сентябрь"] = 9, ["сен"] = 9, ["сент"] = 9,
        ["октября"] = 10, ["октябрь"] = 10, ["окт"] = 10,
        ["ноября"] = 11, ["ноябрь"] = 11, ["ноя"] = 11, ["нояб"] = 11,
        ["декабря"] = 12, ["декабрь"] = 12, ["дек"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, int> EnglishMonths = new Dictionary<string, int>
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$", RegexOptions.CultureInvariant)]
    internal static partial Regex IsoDate();

    [GeneratedRegex("^([0-9]{1,2}) ?[./-] ?([0-9]{1,2})(?: ?[./-] ?([0-9]{4}|[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    internal static partial Regex DayFirstDate();

    // "вчера вечером", "вечером в пятницу".
    [GeneratedRegex("^(?:рано |поздно )?(?:утром|днем|вечером|ночью) | (?:рано |поздно )?(?:утром|днем|вечером|ночью)$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianTimeOfDay();

    // "12 марта 2026 г.", "12.03.2026 года".
    [GeneratedRegex("([0-9]) ?(?:г|год|года)$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianYearWord();

    // "это было вчера", "вчера было", "примерно неделю назад", "где-то 3 дня назад", "около месяца назад": words around
    // a date that add nothing to it (the ago-forms are rough already).
    [GeneratedRegex("^(?:(?:это |вроде |наверное |кажется )?было |примерно |приблизительно |где-то |где то |около |почти |наверное |кажется |вроде )+| было$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianHedges();

    // "дня 3 назад", "недели две тому назад": the count after its unit, as said when guessing.
    [GeneratedRegex("^(дня|дней|недели|недель|месяца|месяцев|года|лет) ([0-9]{1,9}|[а-я]+)(?= (?:тому )?назад$)", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianCountAfterUnit();

    // "10 числа", "10-го", "10-го числа": a day of the month alone.
    [GeneratedRegex("^([0-9]{1,2})(?:-?го(?: числа)?| числа)$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianDayOfMonth();

    // "3 дня назад", "пару недель тому назад", "месяц назад", "с неделю назад", "год назад" ("полгода назад" is read as a whole).
    [GeneratedRegex("^(?:с )?(?:([0-9]{1,9}|[а-я]+) )?(день|дня|дней|дн|сутки|суток|неделю|недели|недель|нед|месяц|месяца|месяцев|мес|год|года|лет)(?: тому)? назад$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianAgo();

    [GeneratedRegex("^(?:во? )?(?:(прошлый|прошлую|прошлое|этот|эту|это) )?([а-я]+)$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianWeekday();

    // "на прошлой неделе", "прошлая неделя", "за прошлую неделю", "на позапрошлой неделе".
    [GeneratedRegex("^(?:на |в |за )?(позапрошл|прошл)(?:ой|ую|ая) недел[еяю]$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianLastWeek();

    [GeneratedRegex("^([0-9]{1,2})(?:-?го)? ([а-я]+)(?: ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    internal static partial Regex RussianDayMonth();

    // "3 күн бұрын", "бір апта бұрын", "апта бұрын", "екі ай бұрын", "бір жыл бұрын", folded; "шамамен 3 күндей бұрын"
    // is "about 3 days ago".
    [GeneratedRegex("^(?:шамамен )?(?:([0-9]{1,9}|[а-я]+) )?(кун|куни|кундей|апта|аптадай|ай|айдай|жыл|жылдай) бурын$", RegexOptions.CultureInvariant)]
    internal static partial Regex KazakhAgo();

    // "жұмада", "өткен сенбіде", "сейсенбі күні", folded.
    [GeneratedRegex("^(?:(откен|осы) )?([а-я]+)(?: куни)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex KazakhWeekday();

    // "өткен аптада", "алдыңғы аптада", "өткен апта", folded.
    [GeneratedRegex("^(?:откен|алдынгы) апта(?:да)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex KazakhLastWeek();

    // "12 наурыз", "12 наурызда", "12 наурыз 2026 ж.", folded.
    [GeneratedRegex("^([0-9]{1,2})(?:-?(?:ши|сы|си|шы))? ([а-я]+)(?: ([0-9]{4})(?: ?(?:ж|жыл|жылы))?)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex KazakhDayMonth();

    // "кеше кешке", "таңертең бүгін", folded: morning, daytime, noon, evening, night.
    [GeneratedRegex("^(?:танертен|кундиз|тусте|кешке|тунде) | (?:танертен|кундиз|тусте|кешке|тунде)$", RegexOptions.CultureInvariant)]
    internal static partial Regex KazakhTimeOfDay();

    [GeneratedRegex(" (?:early |late )?(?:in the |at )?(?:morning|afternoon|evening|night)$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishTimeOfDay();

    [GeneratedRegex("^(?:([0-9]{1,9}|[a-z]+) )?(day|days|week|weeks) (?:ago|back)$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishAgo();

    // "it was yesterday", "around 3 days ago", "maybe 2 days ago", "yesterday I think": words around a date that add nothing.
    [GeneratedRegex("^(?:(?:i think |i guess )?it was |i think |maybe |around |about |roughly |approximately |probably )+|,? i think$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishHedges();

    // "the 10th", "on the 3rd": a day of the month alone (a bare number is no day).
    [GeneratedRegex("^(?:the )?([0-9]{1,2})(?:st|nd|rd|th)$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishDayOfMonth();

    /// <summary>A negation right before a date the recognizer found: "not now", "no, not yesterday", "wasn't today".</summary>
    [GeneratedRegex(@"(?:\bnot|\bno|\bnever|n't|n’t)[\s,.!-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishNegationBefore();

    [GeneratedRegex("^(?:(last|past|previous|this) )?([a-z]+)$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishWeekday();

    // "last week", "in the previous week", "the week before last".
    [GeneratedRegex("^(?:(?:in|during) )?(?:the )?(?:(?:last|previous) week|(week) before last)$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishLastWeek();

    [GeneratedRegex("^(?:the )?([0-9]{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)(?:,? ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishDayMonth();

    [GeneratedRegex("^([a-z]+) (?:the )?([0-9]{1,2})(?:st|nd|rd|th)?(?:,? ([0-9]{4}))?$", RegexOptions.CultureInvariant)]
    internal static partial Regex EnglishMonthDay();
}
