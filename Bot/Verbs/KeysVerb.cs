using System.CommandLine;
using System.Security.Cryptography;
using CommunityBot.Privacy;

namespace CommunityBot.Verbs;

/// <summary><c>Bot keys init|seal|change-passphrase</c>: the operator's key file, plain or sealed under a passphrase.
/// Passphrases come from <c>--passphrase-file</c> or standard input (typed without echo at a terminal, one per line
/// from a pipe).</summary>
internal static class KeysVerb
{
    public static Command Create(Option<string?> dataOption)
    {
        var keyFileOption = new Option<string?>("--key-file") { Description = "The key file (default: the setting Privacy:KeyFile, else keys.json in the data folder)" };
        var sealedOption = new Option<bool>("--sealed") { Description = "Seal the new keys under a passphrase (asked twice on standard input)" };
        var passphraseFileOption = new Option<string?>("--passphrase-file") { Description = "Read the new passphrase from this file (mode 0600) instead of standard input" };
        var currentPassphraseFileOption = new Option<string?>("--current-passphrase-file") { Description = "Read the current passphrase from this file (mode 0600) instead of standard input" };

        var init = new Command("init", "Create new random keys: sealed under a passphrase with --sealed, else a plain file (for trying the bot on one machine).")
        {
            dataOption, keyFileOption, sealedOption, passphraseFileOption,
        };
        init.SetAction(parse => Init(KeyFile(parse, dataOption, keyFileOption), parse.GetValue(sealedOption), parse.GetValue(passphraseFileOption)));

        var seal = new Command("seal", "Seal an existing plain key file under a passphrase; the plain file's bytes are overwritten.")
        {
            dataOption, keyFileOption, passphraseFileOption,
        };
        seal.SetAction(parse => Seal(KeyFile(parse, dataOption, keyFileOption), parse.GetValue(passphraseFileOption)));

        var change = new Command("change-passphrase", "Seal the keys under a new passphrase (current one first, then the new one twice).")
        {
            dataOption, keyFileOption, currentPassphraseFileOption, passphraseFileOption,
        };
        change.SetAction(parse => ChangePassphrase(KeyFile(parse, dataOption, keyFileOption),
            parse.GetValue(currentPassphraseFileOption), parse.GetValue(passphraseFileOption)));

        return new Command("keys", "Create the keys, seal them under a passphrase, or change the passphrase.") { init, seal, change };
    }

    private static int Init(string path, bool sealKeys, string? passphraseFile)
    {
        if (File.Exists(path))
        {
            return Fail($"{path} exists already; a key file is never overwritten (without it the stored texts cannot be read).");
        }

        if (!sealKeys)
        {
            KeyRing.CreateKeyFile(path);
            Console.Out.WriteLine($"Keys written to {path} (plain, mode 0600). Anyone who copies this disk can read them: seal them with 'Bot keys seal'.");
            return 0;
        }

        var passphrase = NewPassphrase(passphraseFile, StandardInputPassphrase.OfConsole());
        if (passphrase is null)
        {
            return ExitCodes.Failed;
        }

        using (passphrase)
        using (var keys = KeyMaterial.Fresh())
        {
            SealedKeyFile.Create(path, keys, passphrase.Bytes, Argon2Cost.Default);
        }
        Console.Out.WriteLine($"Keys written to {path}, sealed under the passphrase. Keep the passphrase safe: without it the stored texts cannot be read.");
        return 0;
    }

    private static int Seal(string path, string? passphraseFile)
    {
        if (!File.Exists(path))
        {
            return Fail($"There is no key file at {path}. To create sealed keys: Bot keys init --sealed");
        }

        if (SealedKeyFile.IsSealed(File.ReadAllBytes(path)))
        {
            return Fail($"{path} is sealed already. To change its passphrase: Bot keys change-passphrase");
        }

        KeyMaterial keys;
        try
        {
            keys = KeyRing.ReadPlainKeyFile(path);
        }
        catch (InvalidOperationException e)
        {
            return Fail(e.Message);
        }

        using (keys)
        {
            var passphrase = NewPassphrase(passphraseFile, StandardInputPassphrase.OfConsole());
            if (passphrase is null)
            {
                return ExitCodes.Failed;
            }

            using (passphrase)
            {
                return Replace(path, keys, passphrase, $"{path} is sealed now; the plain keys in it were overwritten.");
            }
        }
    }

    private static int ChangePassphrase(string path, string? currentPassphraseFile, string? passphraseFile)
    {
        if (!File.Exists(path) || !SealedKeyFile.IsSealed(File.ReadAllBytes(path)))
        {
            return Fail($"{path} is not a sealed key file. To seal a plain one: Bot keys seal");
        }

        var input = StandardInputPassphrase.OfConsole();
        KeyMaterial? keys;
        try
        {
            using var current = currentPassphraseFile is not null
                ? new Passphrase(Passphrases.ReadFile(currentPassphraseFile, "--current-passphrase-file"), $"--current-passphrase-file ({currentPassphraseFile})")
                : input.ReadLine("Current passphrase: ") is { Length: > 0 } typed ? new Passphrase(typed, "standard input") : null;
            if (current is null)
            {
                return Fail("Give the current passphrase on standard input, or with --current-passphrase-file FILE.");
            }

            keys = SealedKeyFile.Open(File.ReadAllBytes(path), current.Bytes, path);
            if (keys is null)
            {
                Console.Error.WriteLine($"The passphrase from {current.Source} does not open the sealed key file {path}; nothing was changed.");
                return ExitCodes.Configuration;
            }
        }
        catch (InvalidOperationException e)
        {
            return Fail(e.Message);
        }

        using (keys)
        {
            var passphrase = NewPassphrase(passphraseFile, input);
            if (passphrase is null)
            {
                return ExitCodes.Failed;
            }

            using (passphrase)
            {
                return Replace(path, keys, passphrase, $"{path} is sealed under the new passphrase; the old passphrase opens nothing now.");
            }
        }
    }

    private static int Replace(string path, KeyMaterial keys, Passphrase passphrase, string done)
    {
        try
        {
            SealedKeyFile.Replace(path, keys, passphrase.Bytes, Argon2Cost.Default);
        }
        catch (IOException e)
        {
            return Fail($"{path} was not changed: {e.Message} (a file {path}.sealing left by an interrupted attempt may be removed once {path} is known to open).");
        }

        Console.Out.WriteLine(done);
        return 0;
    }

    // Asked twice when typed, so a typing mistake does not lock the keys away for good.
    private static Passphrase? NewPassphrase(string? file, StandardInputPassphrase input)
    {
        byte[] passphrase;
        string source;
        if (file is not null)
        {
            try
            {
                passphrase = Passphrases.ReadFile(file, "--passphrase-file");
            }
            catch (InvalidOperationException e)
            {
                Fail(e.Message);
                return null;
            }
            source = $"--passphrase-file ({file})";
        }
        else
        {
            var first = input.ReadLine("New passphrase: ");
            var second = input.ReadLine("The same passphrase again: ");
            if (first is not { Length: > 0 } || second is null)
            {
                Clear(first, second);
                Fail("Give the new passphrase twice on standard input, or with --passphrase-file FILE.");
                return null;
            }

            if (!CryptographicOperations.FixedTimeEquals(first, second))
            {
                Clear(first, second);
                Fail("The two passphrases differ; nothing was written.");
                return null;
            }

            Clear(second);
            passphrase = first;
            source = "standard input";
        }

        if (Passphrases.CharacterCount(passphrase) < SealedKeyFile.MinPassphraseLength)
        {
            Clear(passphrase);
            Fail($"The passphrase is shorter than {SealedKeyFile.MinPassphraseLength} characters; a few random words make a good one.");
            return null;
        }

        return new Passphrase(passphrase, source);
    }

    private static string KeyFile(ParseResult parse, Option<string?> dataOption, Option<string?> keyFileOption)
    {
        if (parse.GetValue(keyFileOption) is { Length: > 0 } given)
        {
            return Path.GetFullPath(given);
        }

        var configuration = BotHost.CreateBuilder(parse.GetValue(dataOption), interactive: true).Configuration;
        return Path.GetFullPath(configuration[$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.KeyFile)}"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(BotHost.DataDirectory(configuration), BotHost.LocalKeyFileName));
    }

    private static void Clear(params byte[]?[] passphrases)
    {
        foreach (var passphrase in passphrases)
        {
            CryptographicOperations.ZeroMemory(passphrase);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.Failed;
    }
}
