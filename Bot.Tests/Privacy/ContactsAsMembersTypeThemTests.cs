using System.Globalization;
using CommunityBot.Privacy;
using CsCheck;

namespace CommunityBot.Tests.Privacy;

/// <summary>Contact details written the way members type them on a phone: with dots, glued to a word, two in a row,
/// pasted with thin spaces, an Instagram name, a Cyrillic address; and the numbers of a story that are none.</summary>
public sealed class ContactsAsMembersTypeThemTests(SensitiveDataScannerFixture fixture) : IClassFixture<SensitiveDataScannerFixture>
{
    private readonly SensitiveDataScanner scanner = fixture.Scanner;

    private (SensitiveKind Kind, string Text)[] Found(string text) =>
        [.. scanner.Scan(text).Select(f => (f.Kind, f.Text))];

    [Theory]
    [InlineData("звоните 8.701.123.45.67 вечером", "8.701.123.45.67")]
    [InlineData("Номер +7.701.123.45.67.", "+7.701.123.45.67")]
    [InlineData("номер 8.701.1234567", "8.701.1234567")]
    [InlineData("Номер 8701.123.45.67", "8701.123.45.67")]
    [InlineData("городской 701.123.45.67", "701.123.45.67")]
    [InlineData("тел87011234567", "87011234567")]
    [InlineData("номер87011234567 звоните", "87011234567")]
    [InlineData("тел+77011234567", "+77011234567")]
    [InlineData("Тел:\u2009+7\u2009701\u2009123\u200945\u200967", "+7\u2009701\u2009123\u200945\u200967")]
    [InlineData("+7\u202F701\u202F123\u202F45\u202F67 его номер", "+7\u202F701\u202F123\u202F45\u202F67")]
    public void APhoneNumberWithDotsGluedToAWordOrWithThinSpacesIsFoundWhole(string text, string phone) =>
        Assert.Equal([(SensitiveKind.Phone, phone)], Found(text));

    [Theory]
    [InlineData("тел. 87011234567,87021234567", "87011234567", "87021234567")]
    [InlineData("87011234567/87021234567 звоните", "87011234567", "87021234567")]
    [InlineData("8-701-123-45-67/8-702-123-45-67", "8-701-123-45-67", "8-702-123-45-67")]
    [InlineData("8.701.123.45.67,8.702.123.45.67", "8.701.123.45.67", "8.702.123.45.67")]
    public void TwoPhoneNumbersJoinedByACommaOrASlashAreBothFound(string text, string first, string second) =>
        Assert.Equal([(SensitiveKind.Phone, first), (SensitiveKind.Phone, second)], Found(text));

    [Theory]
    [InlineData("инста @ivan.petrov, там всё", "@ivan.petrov")]
    [InlineData("пишите в инстаграм @aigul.k.88.", "@aigul.k.88")]
    public void AnInstagramNameWithADotIsFoundWhole(string text, string name) =>
        Assert.Equal([(SensitiveKind.Mention, name)], Found(text));

    [Theory]
    [InlineData("почта иван@mail.ru, пишите", "иван@mail.ru")]
    [InlineData("Иван.Петров@mail.ru", "Иван.Петров@mail.ru")]
    [InlineData("адрес: иван@почта.рф", "иван@почта.рф")]
    [InlineData("ivan@почта.рф.", "ivan@почта.рф")]
    [InlineData("пишите на иван@mail.ru.Спасибо", "иван@mail.ru")]
    public void AnAddressWithCyrillicLettersIsFoundWhole(string text, string address) =>
        Assert.Equal([(SensitiveKind.Email, address)], Found(text));

    [Theory]
    [InlineData("Дозу снижали 120 110 100 90 80, без согласия.")]
    [InlineData("доза 80 90 100 110 120 130")]
    [InlineData("100 90 80 70 60 мг")]
    [InlineData("Нас было 10 20 30 40 человек")]
    [InlineData("В 2024 2025 2026 годах не давали.")]
    [InlineData("В 2010 2011 2012 2013 годах не давали.")]
    [InlineData("давление 120.80.70, пульс 90")]
    [InlineData("с 12.03.2026 по 15.03.2026 в 10.30")]
    [InlineData("12.03.2026 80 80 80 80")]
    [InlineData("IP 192.168.100.100, версия 1.2.3.4.5.6.7")]
    [InlineData("1.500.000 тенге, 12.500 сом")]
    public void DoseListsYearsPressureAndDatesWithDotsAreNotContactDetails(string text) =>
        Assert.Empty(scanner.Scan(text));

    private static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);

    // What a story holds that is no contact detail: days, times, doses, a dose cut in steps, counts, years.
    private static readonly Gen<string> Harmless = Gen.OneOf(
        Gen.Select(Gen.Int[1, 31], Gen.Int[1, 12], Gen.Int[2015, 2030], Gen.OneOf(".", "/", "-"), (d, m, y, s) => $"{Two(d)}{s}{Two(m)}{s}{y}"),
        Gen.Select(Gen.Int[1, 31], Gen.Int[1, 12], Gen.Int[15, 30], (d, m, y) => $"{d}.{Two(m)}.{y}"),
        Gen.Select(Gen.Int[1, 31], Gen.Int[1, 12], (d, m) => $"{Two(d)}.{Two(m)}"),
        Gen.Select(Gen.Int[0, 23], Gen.Int[0, 59], Gen.OneOf(":", "."), (h, m, s) => $"в {h}{s}{Two(m)}"),
        Gen.Select(Gen.Int[1, 60], Gen.OneOf("мг", "мл", "таблеток"), (n, unit) => $"{n * 5} {unit}"),
        Gen.Select(Gen.Int[1, 40].Array[2, 7], Gen.OneOf(" мг", ",", "."), (steps, end) => string.Join(' ', steps.Select(s => (s * 5).ToString(CultureInfo.InvariantCulture))) + end),
        Gen.Select(Gen.Int[1, 99], Gen.OneOf("дней", "раз", "человек", "часов"), (n, word) => $"{n} {word}"),
        Gen.Select(Gen.Int[1995, 2030].Array[1, 4], Gen.OneOf(" год", " годах", ","), (years, end) => string.Join(' ', years) + end),
        Gen.OneOf("вчера", "врач", "не дали", "метадон", "снизили дозу", "в больнице", "потом", "и"));

    [Fact]
    public void NoStoryOfDatesTimesDosesCountsAndYearsIsEverFlagged() =>
        Gen.Select(Harmless.Array[1, 12], Gen.OneOf(" ", ", ", "; "), (parts, separator) => string.Join(separator, parts))
            .Sample(text => Assert.True(scanner.Scan(text).IsEmpty, $"{text} => {string.Join(" | ", scanner.Scan(text).Select(f => f.Text))}"), iter: 1000);

    private static readonly Gen<string> Mobile = Gen.Select(Gen.Int[0, 99], Gen.Int[0, 9_999_999],
        (code, number) => $"7{Two(code)}{number.ToString("0000000", CultureInfo.InvariantCulture)}");

    // A Kazakh mobile number (7XX and seven digits) written as members do on a phone.
    private static readonly Gen<string> TypedMobile = Gen.Select(Mobile, Gen.Int[0, 5], (n, form) => form switch
    {
        0 => $"8.{n[..3]}.{n[3..6]}.{n[6..8]}.{n[8..]}",
        1 => $"+7.{n[..3]}.{n[3..6]}.{n[6..8]}.{n[8..]}",
        2 => $"8{n}",
        3 => $"+7\u2009{n[..3]}\u2009{n[3..6]}\u2009{n[6..8]}\u2009{n[8..]}",
        4 => $"8-{n[..3]}-{n[3..6]}-{n[6..8]}-{n[8..]}",
        _ => $"8 ({n[..3]}) {n[3..6]}-{n[6..8]}-{n[8..]}",
    });

    [Fact]
    public void AMobileNumberTypedAnyOfTheseWaysGluedToAWordOrToAnotherIsFoundAndHiddenWhole() =>
        Gen.Select(Harmless.Array[0, 5], Gen.OneOf("тел", "звоните:", "номер ", "т."), TypedMobile, Gen.OneOf(",", "/", ", ", " и "), TypedMobile, Harmless.Array[0, 5],
            (before, word, first, joint, second, after) => (Text: string.Join(' ', [.. before, word + first + joint + second, .. after]), Phones: new[] { first, second }))
            .Sample(sample =>
            {
                var findings = scanner.Scan(sample.Text);
                foreach (var phone in sample.Phones)
                {
                    Assert.True(findings.Any(f => f.Text.Contains(phone, StringComparison.Ordinal)), $"{sample.Text} => {string.Join(" | ", findings.Select(f => f.Text))}");
                }
                var masked = Redaction.Mask(sample.Text, findings, _ => "[x]");
                Assert.All(sample.Phones, phone => Assert.DoesNotContain(phone[^7..], string.Concat(masked.Where(char.IsAsciiDigit)), StringComparison.Ordinal));
            }, iter: 500);
}
