using System.Text;
using CommunityBot.Privacy;
using CsCheck;

namespace CommunityBot.Tests.Privacy;

/// <summary>Builds the recognizer models once for the whole class: they take most of a second to build.</summary>
public sealed class SensitiveDataScannerFixture
{
    internal SensitiveDataScanner Scanner { get; } = new();
}

public sealed class SensitiveDataScannerTests(SensitiveDataScannerFixture fixture) : IClassFixture<SensitiveDataScannerFixture>
{
    private readonly SensitiveDataScanner scanner = fixture.Scanner;

    private static string Placeholder(SensitiveKind kind) => kind switch
    {
        SensitiveKind.Phone => "[phone]",
        SensitiveKind.Email => "[email]",
        SensitiveKind.Url => "[link]",
        _ => "[name]",
    };

    private (SensitiveKind Kind, string Text)[] Found(string text) =>
        [.. scanner.Scan(text).Select(f => (f.Kind, f.Text))];

    [Theory]
    [InlineData("Мой код 7K3Q-XM2P-4HNA-9TWE, проверьте.", "7K3Q-XM2P-4HNA-9TWE")]
    [InlineData("код: 7k3q xm2p 4hna 9twe", "7k3q xm2p 4hna 9twe")]
    [InlineData("(7K3QXM2P4HNA9TWE)", "7K3QXM2P4HNA9TWE")]
    [InlineData("Вот: 7К3Q-ХМ2Р-4НNА-9ТWЕ", "7К3Q-ХМ2Р-4НNА-9ТWЕ")]
    public void AReceiptCodeInATextIsFoundSoThatModeratorsNeverReadIt(string text, string code)
    {
        Assert.Equal([(SensitiveKind.Code, code)], Found(text));
    }

    // One code in a hundred has no digit; written as the receipt shows it (dashed), or run together, it is still a code.
    [Theory]
    [InlineData("Мой код WXYZ-KMNP-QRST-UVAB, на всякий случай.", "WXYZ-KMNP-QRST-UVAB")]
    [InlineData("код wxyz-kmnp-qrst-uvab", "wxyz-kmnp-qrst-uvab")]
    [InlineData("код WXYZKMNPQRSTUVAB.", "WXYZKMNPQRSTUVAB")]
    public void AReceiptCodeWithoutADigitIsFoundWhenWrittenAsTheReceiptShowsIt(string text, string code)
    {
        Assert.Equal([(SensitiveKind.Code, code)], Found(text));
    }

    [Theory]
    [InlineData("They said when they were here that they had no dose.")]
    [InlineData("THEY WERE HERE WHEN I CAME.")]
    [InlineData("В 2026 году в ИВС-2 дали дозу 80 мг, 3 дня подряд.")]
    [InlineData("Code 7K3Q-XM2P-4HNA is not whole.")]
    [InlineData("1111-2222-3333-4444")]
    public void TextsThatOnlyLookLikeACodeAreLeftAlone(string text)
    {
        Assert.DoesNotContain(scanner.Scan(text), f => f.Kind == SensitiveKind.Code);
    }

    [Theory]
    [InlineData("Позвоните мне +7 701 123 45 67 завтра.", "+7 701 123 45 67")]
    [InlineData("Мой номер 8 (701) 123-45-67, пишите.", "8 (701) 123-45-67")]
    [InlineData("Номер 8-701-123-45-67!", "8-701-123-45-67")]
    [InlineData("Номер 8-701-1234567.", "8-701-1234567")]
    [InlineData("Пишите +7(701)1234567", "+7(701)1234567")]
    [InlineData("Номер +77011234567.", "+77011234567")]
    [InlineData("Звоните 87011234567.", "87011234567")]
    [InlineData("В Бишкеке: +996 555 123 456", "+996 555 123 456")]
    [InlineData("Кыргызстан 0555 123 456, спросить Айгуль", "0555 123 456")]
    [InlineData("Грузия: +995 599 12 34 56.", "+995 599 12 34 56")]
    [InlineData("Украина, мобильный +380 67 123 45 67", "+380 67 123 45 67")]
    [InlineData("Домашний 555-12-34 после шести", "555-12-34")]
    [InlineData("Call me at +1 (425) 555-0123 tomorrow.", "+1 (425) 555-0123")]
    [InlineData("Office 701-123-4567 ext", "701-123-4567")]
    [InlineData("Городской (701)1234567", "(701)1234567")]
    [InlineData("Доза 80 80 80 8 (791) 316-01-05 звоните", "8 (791) 316-01-05")]
    [InlineData("12.03.2026 80 +7 701 123 45 67", "+7 701 123 45 67")]
    public void PhoneNumbersInRegionalFormatsAreFoundWhole(string text, string phone) =>
        Assert.Equal([(SensitiveKind.Phone, phone)], Found(text));

    [Theory]
    [InlineData("Звоните 8-7-0-1-1-2-3-4-5-6-7 вечером", "8-7-0-1-1-2-3-4-5-6-7")]
    [InlineData("Номер +7-7-0-1-1-2-3-4-5-6-7.", "+7-7-0-1-1-2-3-4-5-6-7")]
    [InlineData("Звоните 8 7 0 1 1 2 3 4 5 6 7 вечером", "8 7 0 1 1 2 3 4 5 6 7")]
    [InlineData("номер 0 5 5 5 1 2 3 4 5 6", "0 5 5 5 1 2 3 4 5 6")]
    public void APhoneNumberTypedDigitByDigitIsFound(string text, string phone) =>
        Assert.Equal([(SensitiveKind.Phone, phone)], Found(text));

    [Theory]
    [InlineData("Пишите ivan[at]mail.ru, ответят.", "ivan[at]mail.ru")]
    [InlineData("Пишите ivan (at) mail.ru, ответят.", "ivan (at) mail.ru")]
    [InlineData("почта ivan собака mail ru если что", "ivan собака mail ru")]
    [InlineData("write to ivan.p at gmail dot com please", "ivan.p at gmail dot com")]
    [InlineData("адрес olga_k(собака)yandex.kz", "olga_k(собака)yandex.kz")]
    public void AnEmailAddressWrittenToFoolMachinesIsStillFoundWhole(string text, string email) =>
        Assert.Equal([(SensitiveKind.Email, email)], Found(text));

    [Theory]
    [InlineData("Сказал перевести на карту 4400 4301 2345 6789, иначе не отпустит.", "4400 4301 2345 6789")]
    [InlineData("Карта 4400-4301-2345-6789.", "4400-4301-2345-6789")]
    [InlineData("карта 4400430123456789", "4400430123456789")]
    [InlineData("Kaspi 5169 4971 2345 6786 на имя", "5169 4971 2345 6786")]
    public void ABankCardNumberIsFoundAsACard(string text, string card) =>
        Assert.Equal([(SensitiveKind.Card, card)], Found(text));

    [Fact]
    public void SixteenDigitsThatFailTheCardCheckAreNotACard() =>
        Assert.DoesNotContain(scanner.Scan("Номер 4400 4301 2345 6788 в справке"), f => f.Kind == SensitiveKind.Card);

    [Theory]
    [InlineData("Мой ИИН 850101300123, проверьте.", "850101300123")]
    [InlineData("ИИН:990230400567", "990230400567")]
    public void AKazakhIinIsFoundAsAnIdNumberNotAPhone(string text, string iin) =>
        Assert.Equal([(SensitiveKind.IdNumber, iin)], Found(text));

    [Fact]
    public void APhoneNumberWrittenInFullWithoutItsPlusIsStillAPhone() =>
        Assert.Equal([(SensitiveKind.Phone, "996555123456")], Found("Звоните 996555123456"));

    [Theory]
    [InlineData("С 15.03.2025 по 20.03.2025 требовали 5000 тенге, потом 150 000 тенге.")]
    [InlineData("В 2024 году, в 2019-2024, отчёт R-7K3Q, доза 80 мг.")]
    [InlineData("Meet me at home, we were at the clinic by noon, then at home me.")]
    [InlineData("Он был собака злая, а мы в больнице.")]
    [InlineData("Пункты 1-2-3 и 4-5.")]
    public void ProseWithDatesSumsAndLabelsGetsNoCardIdOrDisguisedEmail(string text) =>
        Assert.Empty(scanner.Scan(text));

    [Fact]
    public void EmailAddressesAreFoundInRussianAndEnglishSentences()
    {
        Assert.Equal([(SensitiveKind.Email, "ivan.petrov@mail.ru")], Found("Пишите на ivan.petrov@mail.ru, пожалуйста."));
        Assert.Equal([(SensitiveKind.Email, "ivan@example.com")], Found("Write to ivan@example.com please."));
    }

    [Fact]
    public void AnEmailAddressIsOneFindingNotAlsoAUrlOrMention()
    {
        var findings = scanner.Scan("почта:ivan_petrov@gmail.com»");

        var finding = Assert.Single(findings);
        Assert.Equal(SensitiveKind.Email, finding.Kind);
        Assert.Equal("ivan_petrov@gmail.com", finding.Text);
    }

    [Theory]
    [InlineData("Смотри t.me/ostgroup, там всё написано", "t.me/ostgroup")]
    [InlineData("Канал https://t.me/+AbCdEf123 закрытый", "https://t.me/+AbCdEf123")]
    [InlineData("See www.example.kz/page?x=1 for details.", "www.example.kz/page?x=1")]
    [InlineData("Профиль vk.com/id12345.", "vk.com/id12345")]
    [InlineData("Статья https://example.com/путь/к/странице.", "https://example.com/путь/к/странице")]
    [InlineData("Сайт клиники пример.рф не работает", "пример.рф")]
    [InlineData("Группа «t.me/ostgroup» закрыта", "t.me/ostgroup")]
    [InlineData("Вот:😀t.me/ostgroup", "t.me/ostgroup")]
    public void LinksAreFoundWithTheirWholePath(string text, string url) =>
        Assert.Equal([(SensitiveKind.Url, url)], Found(text));

    [Theory]
    [InlineData("Спросите у @ivan_petrov, он знает.", "@ivan_petrov")]
    [InlineData("«@olga_k», — сказала она.", "@olga_k")]
    [InlineData("Напиши (@anna_k) или@boris_m…", "@anna_k", "@boris_m")]
    [InlineData("Ask @john_doe about it.", "@john_doe")]
    public void MentionsAreFoundNextToCyrillicPunctuation(string text, params string[] mentions) =>
        Assert.Equal(mentions.Select(m => (SensitiveKind.Mention, m)), Found(text));

    [Theory]
    [InlineData("Это было 12.03.2026, в 9:30 утра.")]
    [InlineData("С 01.02.2025 по 15.03.2025 не давали дозу.")]
    [InlineData("Дата 2026-03-12 или 12-03-2026 или 12/03/2026.")]
    [InlineData("Доза 80, потом 200 мг, через 3 дня.")]
    [InlineData("Дозировка 100-120-140 мг в 10:30-11:00.")]
    [InlineData("доза 80 120 140 мг")]
    [InlineData("На терапии с 2019 года, с 2019-2024 в Алматы, в 2024 году переехал.")]
    [InlineData("Требовали 150 000 тенге, потом 1 200 000 сом.")]
    [InlineData("Штраф 1 500 000.")]
    [InlineData("Доза 80 120 140, потом 100-120-140.")]
    [InlineData("Вес 70.5 кг, давление 120/80.")]
    [InlineData("e.g. this, i.e. that, at 9 a.m., ул.Ленина 5, г.Алматы, т.е. и т.д.")]
    public void DatesDosesTimesYearsAndAmountsAreNotReported(string text) =>
        Assert.Empty(scanner.Scan(text));

    // A receipt code is a secret, not a way to reach someone: it is found as a code and must not pass for a phone.
    [Fact]
    public void AReceiptCodeIsNotMistakenForContactDetails() =>
        Assert.All(scanner.Scan("Мой код 7K3Q-XM2P-4HNA-9TWE, проверьте статус."), f => Assert.Equal(SensitiveKind.Code, f.Kind));

    [Fact]
    public void FindingsInAMixedSentenceComeInTextOrder()
    {
        var kinds = scanner.Scan("Пиши @ivan_p или ivan@mail.ru, звони +7 701 123 45 67, сайт t.me/ost").Select(f => f.Kind);

        Assert.Equal([SensitiveKind.Mention, SensitiveKind.Email, SensitiveKind.Phone, SensitiveKind.Url], kinds);
    }

    [Fact]
    public void MaskingReplacesEachFindingAndKeepsTheRestOfTheText()
    {
        const string text = "Врач сказал: «звони +7 701 123 45 67 или пиши ivan@mail.ru», 😀\u200F и ушёл.";

        var masked = Redaction.Mask(text, scanner.Scan(text), Placeholder);

        Assert.Equal("Врач сказал: «звони [phone] или пиши [email]», 😀\u200F и ушёл.", masked);
    }

    [Fact]
    public void MaskingOnlyTheChosenFindingsLeavesTheOthers()
    {
        const string text = "Звони 555-12-34, канал t.me/ost";
        var chosen = scanner.Scan(text).Where(f => f.Kind == SensitiveKind.Url);

        Assert.Equal("Звони 555-12-34, канал [link]", Redaction.Mask(text, chosen, Placeholder));
    }

    [Fact]
    public void MaskingWithAFindingFromAnotherTextIsRefused()
    {
        var stale = new SensitiveFinding(SensitiveKind.Phone, 6, 9, "555-12-34");

        Assert.Throws<ArgumentException>(() => Redaction.Mask("Звони 555-99-34", [stale], Placeholder));
    }

    [Fact]
    public void NothingIsFoundInEmptyOrPlainText()
    {
        Assert.Empty(scanner.Scan(""));
        Assert.Empty(scanner.Scan("Вчера в больнице опять не дали метадон, другу плохо."));
    }

    [Fact]
    public void ALongTextWithEmojiAndRightToLeftMarksIsScannedWhole()
    {
        string[] pieces = ["Привет ", "😀", "\u200F", "\u202E", "عربى ", "+996 555 123 456 ", "ivan@mail.ru ", "t.me/ost ", "@ivan_p ", "12.03.2026 ", "доза 80 ", "\n"];
        var random = new Random(7);
        var text = new StringBuilder();
        while (text.Length < 10_000)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        var masked = Redaction.Mask(text.ToString(), scanner.Scan(text.ToString()), Placeholder);

        Assert.DoesNotContain("555 123 456", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("ivan@", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("t.me/", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("@ivan_p", masked, StringComparison.Ordinal);
        Assert.Contains("12.03.2026 доза 80", masked.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('1')]
    [InlineData('@')]
    [InlineData('.')]
    public void LongRunsOfOneCharacterAreScannedWithoutFindings(char c) =>
        Assert.Empty(scanner.Scan(new string(c, 10_000)));

    [Fact]
    public void AnAddressAfterTenThousandLettersIsStillFound()
    {
        var text = new string('a', 10_000) + " ivan@mail.ru " + new string('b', 10_000) + "@x";

        Assert.Contains(scanner.Scan(text), f => f is { Kind: SensitiveKind.Email, Text: "ivan@mail.ru" });
    }

    [Fact]
    public void ScanGivesTheSameAnswerFromManyThreadsAtOnce()
    {
        string[] texts = ["Звони +7 701 123 45 67", "ivan@mail.ru и t.me/ost", "@ivan_petrov, 555-12-34", "Доза 80 мг 12.03.2026"];
        var expected = texts.Select(t => scanner.Scan(t).ToArray()).ToArray();

        Parallel.For(0, 400, i => Assert.Equal(expected[i % texts.Length], scanner.Scan(texts[i % texts.Length]).ToArray()));
    }

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (4, Gen.Char['a', 'z']),
        (4, Gen.Char['а', 'я']),
        (3, Gen.Char['0', '9']),
        (3, Gen.OneOf(' ', '+', '-', '(', ')', '.', ',', ':', '/', '@', '_', '«', '»', '—', '\n', '\u200F', '\u202E', '\uD83D', '\uDE00')),
        (1, Gen.Char));

    private static readonly Gen<string> AnyText = AnyChar.Array[0, 200].Select(chars => new string(chars));

    [Fact]
    public void ForAnyTextFindingsAreExactOrderedAndApart() =>
        AnyText.Sample(text =>
        {
            var findings = scanner.Scan(text);
            var previousEnd = 0;
            foreach (var f in findings)
            {
                Assert.InRange(f.Start, previousEnd, text.Length - 1);
                Assert.InRange(f.Length, 1, text.Length - f.Start);
                Assert.Equal(text.Substring(f.Start, f.Length), f.Text);
                previousEnd = f.Start + f.Length;
            }
        }, iter: 400);

    private static readonly Gen<string> Digits2 = Gen.Int[0, 99].Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Gen<string> Digits3 = Gen.Int[0, 999].Select(n => n.ToString("000", System.Globalization.CultureInfo.InvariantCulture));

    // Fifteen random digits and the one check digit that makes a card number of them, grouped as on the card or not.
    private static readonly Gen<string> CardNumber = Gen.Select(Gen.Int[0, 9].Array[15], Gen.OneOf(" ", "-", ""), (digits, separator) =>
    {
        var body = string.Concat(digits.Select(d => (char)('0' + d)));
        var check = Enumerable.Range(0, 10).First(c => IdentifyingNumbers.PassesLuhn(body + c));
        var number = body + check;
        return string.Join(separator, number.Chunk(4).Select(part => new string(part)));
    });

    private static readonly Gen<string> Contact = Gen.OneOf(
        Gen.Select(Digits3, Digits3, Digits2, Digits2, (a, b, c, d) => $"+7 7{a[1..]} {b} {c} {d}"),
        Gen.Select(Digits3, Digits3, Digits2, Digits2, (a, b, c, d) => $"8 (7{a[1..]}) {b}-{c}-{d}"),
        Gen.Select(Digits3, Digits3, Digits3, (a, b, c) => $"+996 5{a[1..]} {b} {c}"),
        Gen.Select(Digits3, Digits2, Digits2, Digits2, (a, b, c, d) => $"+995 5{a[1..]} {b} {c} {d}"),
        Gen.Select(Digits3, Digits2, Digits2, (a, b, c) => $"5{a[1..]}-{b}-{c}"),
        Gen.Select(Gen.Char['a', 'z'].Array[1, 12], Gen.OneOf("mail.ru", "gmail.com", "yandex.kz", "inbox.ge"), (local, domain) => $"{new string(local)}@{domain}"),
        Gen.Select(Gen.Char['a', 'z'].Array[5, 20], name => $"t.me/{new string(name)}"),
        Gen.Select(Gen.Char['a', 'z'].Array[1, 12], Gen.Char['а', 'я'].Array[0, 8], (host, path) => $"https://{new string(host)}.kz/{new string(path)}"),
        Gen.Select(Gen.Char['a', 'z'].Array[5, 20], name => $"@{new string(name)}"),
        Gen.Select(Gen.Char['a', 'z'].Array[1, 12], Gen.OneOf("[at]", " (at) ", " собака "), Gen.OneOf("mail.ru", "mail ru", "gmail.com", "yandex dot kz"),
            (local, at, domain) => $"{new string(local)}{at}{domain}"),
        CardNumber,
        Gen.Select(Digits3, Digits3, Digits3, Digits2, (a, b, c, d) => $"8-7-{a[0]}-{a[1]}-{a[2]}-{b[0]}-{b[1]}-{b[2]}-{c[0]}-{d[0]}-{d[1]}"));

    private static readonly Gen<string> Word = Gen.OneOf(
        "вчера", "в", "больнице", "не", "дали", "метадон", "врач", "сказал", "звони", "пиши", "клиника", "Алматы",
        "yesterday", "the", "doctor", "refused", "methadone", "call", "write", "12.03.2026", "доза", "80", "в 9:30");

    private static readonly Gen<(string Text, string[] Contacts)> TextWithContacts =
        Gen.Select(Word.Array[0, 12], Contact.Array[1, 3], Word.Array[0, 12], (before, contacts, after) =>
            (string.Join(' ', [.. before, .. contacts.SelectMany<string, string>(c => [c, "и"]), .. after]), contacts));

    [Fact]
    public void ACardNumberRightAfterADateIsHiddenWholeEvenWhenTheYearAndItsFirstGroupsLookLikeACard()
    {
        const string text = "звони 12.03.2026 1792 5672 2602 5664 и всё";

        var findings = scanner.Scan(text);

        Assert.Contains(findings, f => f.Text.Contains("1792 5672 2602 5664", StringComparison.Ordinal));
        Assert.DoesNotContain("5664", Redaction.Mask(text, findings, Placeholder), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryInsertedContactIsFoundAndNoneSurvivesMasking() =>
        TextWithContacts.Sample(sample =>
        {
            var (text, contacts) = sample;
            var findings = scanner.Scan(text);
            foreach (var contact in contacts)
            {
                Assert.Contains(findings, f => f.Text.Contains(contact, StringComparison.Ordinal));
            }

            var masked = Redaction.Mask(text, findings, Placeholder);

            Assert.Empty(scanner.Scan(masked));
        }, iter: 300);
}
