using System.Text.RegularExpressions;

namespace CommunityBot.Privacy;

/// <summary>Phone numbers as members in the region type them, which the recognizer's models do not know.</summary>
internal sealed partial class SensitiveDataScanner
{
    /// <summary>A number written with dots (8.701.123.45.67) is taken only with its area code.</summary>
    private const int MinDottedPhoneDigits = 10;

    // A run of digit groups may hold a phone number beside other numbers ("доза 80 555-12-34"): take the
    // longest runs of whole groups that read as a phone number.
    private static IEnumerable<SensitiveFinding> RegionalPhones(string text, Match run)
    {
        var groups = SpaceSeparatedGroup().Matches(run.Value);
        var first = 0;
        while (first < groups.Count)
        {
            var taken = false;
            // A number typed digit by digit ("8 7 0 1 …") is as many groups as it has digits.
            var span = Math.Max(MaxPhoneGroups, SingleDigits(groups, first));
            for (var last = Math.Min(groups.Count, first + span) - 1; last >= first; last--)
            {
                var start = groups[first].Index;
                var length = groups[last].Index + groups[last].Length - start;
                var candidate = Finding(SensitiveKind.Phone, text, run.Index + start, length);
                if (IsRegionalPhone(candidate.Text) && IsPlausiblePhone(text, candidate))
                {
                    yield return candidate;
                    first = last + 1;
                    taken = true;
                    break;
                }
            }

            if (!taken)
            {
                first++;
            }
        }
    }

    private static int SingleDigits(MatchCollection groups, int first)
    {
        var count = 0;
        while (first + count < groups.Count && groups[first + count].Length == 1)
        {
            count++;
        }
        return count;
    }

    private static bool IsRegionalPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (candidate.Contains('.', StringComparison.Ordinal) && (digits < MinDottedPhoneDigits || candidate.Contains(' ', StringComparison.Ordinal)))
        {
            // Shorter runs with dots are dates, times, pressure and versions (120.80.70), and dots among spaces are a
            // date beside other numbers (100 03.06); a number written with dots has them between all its groups.
            return false;
        }
        if (candidate.StartsWith('+'))
        {
            return digits >= 8;
        }

        // Trunk prefix: 8 in Kazakhstan and Russia, 0 in Kyrgyzstan, Georgia and Ukraine. The shape matters, not only the
        // first digit ("80 80 80 8 (791)" is doses and an area code); one typed digit by digit (8-7-0-1-…, 8 7 0 1 …) has its digits'.
        return (digits is 10 or 11 && TrunkPhoneShape().IsMatch(candidate))
            || LocalPhoneShape().IsMatch(candidate)
            || (digits >= MinPhoneDigits && candidate.Length == (2 * digits) - 1 && candidate.Where((c, i) => i % 2 == 1).All(c => c is '-' or '–' or ' ')
                && IsRegionalPhone(string.Concat(candidate.Where(char.IsAsciiDigit))));
    }
}
