using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Tests.Support;
using CsCheck;

namespace CommunityBot.Tests.Channels.Telegram.Groups;

public sealed class IncidentPhrasesTests
{
    private const double DefaultThreshold = 3;

    private static readonly Lazy<IncidentPhrases> ShippedPhrases =
        new(() => IncidentPhrases.Load(Path.Combine(AppContext.BaseDirectory, "Flows", "phrases")));

    private static IncidentPhrases Shipped => ShippedPhrases.Value;

    public static TheoryData<string> RussianIncidents =>
    [
        "вчера опять не дали метадон в больнице",
        "менты стоят у кабинета ОЗТ",
        "мусора опять пасут возле сайта, принимают всех кто выходит",
        "в тубдиспансере отказались давать метадон, человек на кумаре третий день",
        "брата положили в стационар, а метадон не выдают, ломает его",
        "меня сняли с программы за то что анализ показал трамадол",
        "выгнали из программы без объяснений, что теперь делать??",
        "нарколог требует деньги за то чтобы дать дозу на руки",
        "врач вымогает взятку за выдачу на руки",
        "в больнице сказали что метадон не положен, ломка жуткая",
        "у кабинета ОЗТ задержали двоих, повезли в отдел",
        "полиция приходила на сайт и переписывала всех клиентов",
        "опека забрала ребенка потому что я на заместительной терапии",
        "медсестра унизила при всех, назвала наркоманкой",
        "отказали в госпитализации из-за того что я на метадоне",
        "не дают дозы на руки, хотя положено по приказу",
        "в хирургии отказали в бупренорфине, сказали терпи",
        "уже неделю не выдают препарат, говорят нет в наличии",
        "сегодня на точке мусора всех шмонали",
        "Меня не приняли на программу потому что нет прописки",
        "в роддоме отказались давать метадон, сказали рожай на кумаре",
        "В СИЗО не дают заместительную терапию, люди ломаются",
        "врач сказал что снимет с программы если не заплачу",
        "на сайте ОЗТ требуют 500 сом каждый день",
        "опять кумарит, в больнице метадон не дают уже три дня",
        "менты приняли прямо у кабинета после получения",
        "не выдали дозу в пятницу, ждали до вечера и ушли ни с чем",
        "участковый приходил домой, угрожал что расскажет на работе",
        "обозвали наркоманкой и выгнали из приемного",
        "в тубике не наливают сироп уже второй день",
        "ВЧЕРА ОПЯТЬ НЕ ДАЛИ МЕТАДОН!!! 😡😡",
        "человека уволили из-за того что он на программе ОЗТ",
        "урезали дозу без объяснений, теперь кумарит",
        "мне дозу снизили до 40 без моего согласия",
        "выписали из программы за один пропуск",
        "в ИВС не дают метадон, уже второй день там",
        "сидел в КПЗ трое суток без метадона",
    ];

    public static TheoryData<string> EnglishIncidents =>
    [
        "They refused methadone at the TB ward",
        "The hospital wouldn't give him his methadone dose",
        "Cops were waiting outside the OST clinic again",
        "Police detained two clients right at the methadone site",
        "I was kicked off the program after one positive test",
        "The nurse asked for a bribe to give me take-home doses",
        "Social services took my kid because I'm on methadone",
        "They won't admit me to the program without an HIV test",
        "The doctor humiliated me in front of everyone at the clinic",
        "My friend in hospital has been in withdrawal for 3 days, no methadone",
        "They demanded money for my dose",
        "I was discharged from the program for missing a single day",
        "the er staff called me a junkie and kicked me out of the hospital",
    ];

    public static TheoryData<string> KazakhIncidents =>
    [
        "Кеше тағы ауруханада метадон бермеді",
        "Ауруханада жатқан досыма метадонды бермей жатыр, қатты қиналып жатыр",
        "ОЗТ кабинетінің жанында полиция тұр",
        "Туберкулез ауруханасында метадон беруден бас тартты",
        "Мені бағдарламадан шығарып жіберді, ештеңе түсіндірмеді",
        "Нарколог дозаны қолға беру үшін ақша талап етеді",
        "Дәрігер метадон үшін пара сұрады",
        "Дәрігер мені бәрінің алдында қорлады, нашақор деп атады",
        "Кабинеттен шыққандарды ұстап әкетті",
        "Қорғаншылық баламды алып кетті, себебі мен метадондамын",
        "ИВС-та үш күн метадонсыз отырдым",
        "Дозамды келісімімсіз азайтып тастады",
        "Бағдарламаға алмады, тіркеуің жоқ деді",
        "Ауруханаға жатқызбады, метадонда отырсың деді",
        "Үш күннен бері метадон берілмей жатыр, препарат жоқ дейді",
        "ОЗТ-ға байланысты жұмыстан шығарып жіберді",
        "Мейірбике айқайлап, кабинеттен қуып шықты",
        "Перзентханада метадон беруден бас тартты",
        "Учаскелік үйге келіп қорқытты, жұмысыңа айтамын деді",
        "Метадонымды азайтты, енді қиналып жүрмін",
        "Бағдарламадан алып тастады, бір рет келмей қалғаным үшін",
        "кеше тагы ауруханада метадон бермеди", // typed on a Russian keyboard
        "Бүгiн ауруханада метадон бермедi", // a Latin i for і
        "МЕТАДОН БЕРМЕДІ!!! 😡",
    ];

    public static TheoryData<string> KazakhOrdinaryMessages =>
    [
        "Барлығыңызға сәлем!",
        "Ертең ОЗТ кабинеті сағат нешеде ашылады?",
        "Рахмет, бүгін метадонды уақытында берді",
        "Сіздің дозаңыз қанша? Менікі 80 мг",
        "Туған күніңмен, Айгүл!",
        "Ертең топ жиналысы сағат 15:00-де",
        "Жаңалықтарда Қазақстанда ОЗТ бағдарламасы кеңейеді деп жазды",
        "Дәріханадан дәрі алдым, бәрі жақсы",
        "Алматыда жақсы нарколог білесіздер ме?",
        "Ауруханадан шықтым, үйдемін",
        "Өзім метадоннан бас тарттым, бупренорфинге ауыстым",
        "Темекіден бас тарттым, бір ай болды!",
        "Сенбі күні кабинет жұмыс істей ме?",
        "Ауруханада бәрі жақсы, метадонды күнде әкеліп берді",
        "Паспортты ұмытпаңыздар, ұзарту үшін керек",
        "Жұмада тренингке кім барады?",
        "Дозаны азайта алмай жүрмін, кім қалай азайтты?",
        "Кабинетке телефон соқсам, ешкім жауап бермейді",
    ];

    public static TheoryData<string> OrdinaryMessages =>
    [
        "Всем привет!",
        "во сколько завтра открывается кабинет?",
        "во сколько завтра открывается кабинет ОЗТ?",
        "спасибо что дали метадон без очереди",
        "какая у вас доза? у меня 80 мг",
        "кто-нибудь знает, можно ли менять дозу в выходные?",
        "хаха, ну ты даешь 😂",
        "с днем рождения, Оля!",
        "в новостях писали, что в Казахстане расширяют программу ОЗТ",
        "завтра собрание группы в 15:00",
        "кабинет в субботу работает до 12",
        "мне в больнице все нормально, метадон давали вовремя",
        "не забудьте взять паспорт на продление",
        "кто поедет на тренинг в пятницу?",
        "а сайт сегодня работает?",
        "в стационаре мне не отказали, метадон привозили каждый день",
        "Спасибо врачам, в тубдиспансере все получили препарат",
        "Кто знает хорошего нарколога в Алматы?",
        "Новая статья про метадон и бупренорфин, почитайте",
        "Сегодня дали метадон на руки на выходные, ура",
        "Как вы переносите жару на метадоне?",
        "Открылся новый кабинет ОЗТ в больнице №3",
        "Кто вынесет мусор из кабинета? Там уже много мусора",
        "Отказался от курения, уже месяц держусь!",
        "Анекдот: приходит мент в кабинет к наркологу, ахаха",
        "не получается снизить дозу, кто как снижал?",
        "не могу дозвониться до кабинета, не берут трубку",
        "недавно дали метадон на неделю вперед",
        "меня наконец выписали из больницы, я дома",
        "сам отказался от метадона, перешел на бупренорфин",
        "Good morning everyone!",
        "What time does the clinic open tomorrow?",
        "Thanks for getting me my methadone on time",
        "Does anyone know if I can split my dose?",
        "Haha the police drama on TV last night was so bad lol",
        "New article about buprenorphine in Ukraine",
        "I'm waiting for the clinic to open",
        "I stopped going to the clinic on Sundays, too far",
        "The hospital food was terrible but the staff were kind",
        "I refused treatment for my tooth, too scared",
    ];

    [Theory]
    [MemberData(nameof(RussianIncidents))]
    [MemberData(nameof(EnglishIncidents))]
    [MemberData(nameof(KazakhIncidents))]
    public void AMessageDescribingAnIncidentReachesTheDefaultThreshold(string message) =>
        Assert.True(Shipped.LooksLikeIncident(message, DefaultThreshold), $"score {Shipped.Score(message)}: {message}");

    [Theory]
    [MemberData(nameof(OrdinaryMessages))]
    [MemberData(nameof(KazakhOrdinaryMessages))]
    public void OrdinaryChatStaysBelowTheDefaultThreshold(string message) =>
        Assert.False(Shipped.LooksLikeIncident(message, DefaultThreshold), $"score {Shipped.Score(message)}: {message}");

    [Fact]
    public void TheTablesHoldEnoughMessages()
    {
        Assert.True(RussianIncidents.Count >= 25);
        Assert.True(EnglishIncidents.Count >= 10);
        Assert.True(KazakhIncidents.Count >= 20);
        Assert.True(KazakhOrdinaryMessages.Count >= 15);
        Assert.True(OrdinaryMessages.Count >= 25);
    }

    [Fact]
    public void EveryShippedLanguageIsLoaded() =>
        Assert.Equal("en kk ru", string.Join(' ', Shipped.Languages));

    [Theory]
    [InlineData("мeтадон", "метадон")] // Latin e
    [InlineData("MЕТAДOН", "метадон")] // Latin M, A, O in a Cyrillic word
    [InlineData("О3Т", "озт")] // digit three for З
    [InlineData("mеthadone", "methadone")] // Cyrillic е in an English word
    [InlineData("Ёлки, ЗАБРАЛИ!", "елки забрали")]
    [InlineData("мета\u00ADдон", "метадон")] // soft hyphen
    [InlineData("didn't  give", "didnt give")]
    [InlineData("OЗT", "озт")] // З has no Latin twin, so the word is Cyrillic though most of it looks Latin
    [InlineData("coca", "coca")] // all Latin look-alikes, no Cyrillic: left alone
    [InlineData("80мг", "80мг")] // a dose is not a word with look-alikes
    [InlineData("  ...!!! ", "")]
    [InlineData("Бүгін ҚАЗІР бермеді", "бугин казир бермеди")] // Kazakh letters read as a Russian keyboard types them
    [InlineData("әғқңөұүһі", "агкноуухи")]
    [InlineData("бiр", "бир")] // a Latin i in a Cyrillic word is the Kazakh і
    [InlineData("iс", "ис")]
    [InlineData("kids", "kids")]
    [InlineData("В БОЛЬНИЦЕ, подъезд", "в болнице подезд")] // soft and hard signs, often left out when typing fast
    public void NormalizingReadsLookAlikesAndPunctuationAsAPersonWould(string text, string expected) =>
        Assert.Equal(expected, IncidentPhrases.Normalize(text));

    [Theory]
    [InlineData("вчера опять не дали мeтадон в бoльнице", "вчера опять не дали метадон в больнице")] // Latin e, o
    [InlineData("менты стоят у кабинета OЗT", "менты стоят у кабинета ОЗТ")] // Latin O and T
    [InlineData("вчера опять не дали мeтад0н", "вчера опять не дали метадон")] // Latin e, zero for о
    [InlineData("They refused mеthаdone at the TB wаrd", "They refused methadone at the TB ward")] // Cyrillic е, а
    [InlineData("кеше тагы ауруханада метадон бермеди", "кеше тағы ауруханада метадон бермеді")] // Russian keyboard
    [InlineData("Дәрiгер метадон үшiн пара сұрады", "Дәрігер метадон үшін пара сұрады")] // Latin i for і
    public void LookAlikeLettersDoNotHideAnIncident(string typed, string plain)
    {
        Assert.Equal(Shipped.Score(plain), Shipped.Score(typed));
        Assert.True(Shipped.LooksLikeIncident(typed, DefaultThreshold));
    }

    [Fact]
    public void APatternCountsOnceHoweverOftenItAppears()
    {
        var once = Shipped.Score("метадон");
        Assert.Equal(once, Shipped.Score(string.Join(' ', Enumerable.Repeat("метадон озт метадон", 50))));
    }

    [Fact]
    public void ATenThousandCharacterMessageIsScoredWhole()
    {
        var chatter = string.Concat(Enumerable.Repeat("просто болтаем о погоде и о жизни, ", 300));
        var text = (chatter + "вчера опять не дали метадон в больнице")[^10_000..];
        Assert.Equal(10_000, text.Length);
        Assert.True(Shipped.LooksLikeIncident(text, DefaultThreshold));
        Assert.False(Shipped.LooksLikeIncident(chatter[..10_000], DefaultThreshold));
    }

    [Fact]
    public void ScoreNeverThrowsAndIsTheSameForTheSameText()
    {
        var fragments = Gen.OneOf<string>(
            "не", "дали", "метадон", "мeтадон", "менты", "у", "кабинета", "озт", "refused", "methadone", "didn't",
            "ё", "😡", "\u00AD", "\u0301", "\uD800", "\uDC00", "0", "3", "!", " ", "\n", "из-за", "на", "руки", "ward");
        var messages = Gen.OneOf(
            Gen.String,
            Gen.Char.Array[0, 300].Select(chars => new string(chars)),
            fragments.Array[0, 60].Select(parts => string.Join(' ', parts)),
            fragments.Array[0, 60].Select(string.Concat));
        messages.Sample(text => Assert.Equal(Shipped.Score(text), Shipped.Score(text)));
    }

    [Fact]
    public void AnEmptyMessageScoresNothing() =>
        Assert.Equal(0, Shipped.Score(""));

    [Fact]
    public void AShortStemMustBeTheWholeWordAndALongerOneABeginning()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("ru.yaml"), "- { words: [не дал, метадон], weight: 3 }\n");
        var phrases = IncidentPhrases.Load(folder.Path);

        Assert.Equal(3, phrases.Score("не дали мне метадона"));
        Assert.Equal(0, phrases.Score("недавно дали метадон"));
    }

    [Theory]
    [InlineData("не дали метадон", 3)]
    [InlineData("не дали ему вчера метадон", 3)] // two words between: the default gap
    [InlineData("не дали ему вчера утром метадон", 0)] // three: too far
    [InlineData("метадон не дали", 0)] // out of order
    [InlineData("не сегодня дали метадон", 0)] // the words of one item must be adjacent
    public void ItemsMatchInOrderWithinTheGap(string message, double expected)
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("ru.yaml"), "- { words: [не дал, метадон], weight: 3 }\n");
        Assert.Equal(expected, IncidentPhrases.Load(folder.Path).Score(message));
    }

    [Fact]
    public void AStemEndingInEqualsMustBeTheWholeWord()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("en.yaml"), "- { words: [ost=], weight: 1 }\n- { words: [ward], weight: 2, gap: 0 }\n");
        var phrases = IncidentPhrases.Load(folder.Path);

        Assert.Equal(1, phrases.Score("the OST site"));
        Assert.Equal(0, phrases.Score("an ostrich"));
        Assert.Equal(2, phrases.Score("the wards"));
    }

    [Fact]
    public void NegativePatternsPullTheScoreDown()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("ru.yaml"), "- { words: [отказ], weight: 1 }\n- { words: [не отказ], weight: -4 }\n");
        Assert.Equal(-3, IncidentPhrases.Load(folder.Path).Score("мне не отказали"));
    }

    [Theory]
    [InlineData("- { words: [не дал, метадон], weight: 3 }\n- { words: [метадон], weight: }\n", 2)]
    [InlineData("- { words: [метадон], weight: 1 }\n- { words: [метадон], weight: 0 }\n", 2)]
    [InlineData("- { words: [метадон], weight: 1 }\n\n- { words: [], weight: 1 }\n", 3)]
    [InlineData("- { words: [метадон], weight: 1, gap: 9 }\n", 1)]
    [InlineData("- { words: [метадон], weight: 1, gaps: 1 }\n", 1)]
    [InlineData("- { words: [мета||дон], weight: 1 }\n", 1)]
    [InlineData("- { words: [метадон], weight: 1 }\n- { words: [метадон, weight: 1 }\n", 2)]
    [InlineData("- just a word\n", 1)]
    [InlineData("words: [метадон]\nweight: 1\n", 1)]
    public void ABrokenFileIsRefusedNamingTheFileAndLine(string yaml, int line)
    {
        using var folder = new TempDirectory();
        var file = folder.File("ru.yaml");
        File.WriteAllText(file, yaml);

        var error = Assert.Throws<PhraseFileException>(() => IncidentPhrases.Load(folder.Path));

        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains($"ru.yaml: line {line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutPhraseFilesIsRefused()
    {
        using var folder = new TempDirectory();
        Assert.Throws<PhraseFileException>(() => IncidentPhrases.Load(folder.Path));
        Assert.Throws<PhraseFileException>(() => IncidentPhrases.Load(folder.File("missing")));
    }
}
