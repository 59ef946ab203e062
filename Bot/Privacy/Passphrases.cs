using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CommunityBot.Privacy;

/// <summary>A passphrase and where it came from (for messages; never the passphrase itself). Zeroed when disposed.</summary>
internal sealed class Passphrase(byte[] bytes, string source) : IDisposable
{
    public byte[] Bytes => bytes;

    public string Source => source;

    public void Dispose() => CryptographicOperations.ZeroMemory(bytes);
}

/// <summary>Where the passphrase of a sealed key file may come from besides the settings: the directory of systemd
/// credentials (<c>$CREDENTIALS_DIRECTORY</c>), and standard input for the verbs run at a terminal or with a pipe.</summary>
internal sealed record PassphraseSources(string? CredentialsDirectory, StandardInputPassphrase? StandardInput)
{
    /// <summary>The service: no terminal to ask at.</summary>
    public static PassphraseSources Service() => new(Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY"), null);

    /// <summary>A verb run by an operator: standard input too.</summary>
    public static PassphraseSources Interactive() => Service() with { StandardInput = StandardInputPassphrase.OfConsole() };
}

/// <summary>Finds the passphrase of a sealed key file, trying in order: <c>Privacy:PassphraseFd</c>,
/// <c>Privacy:PassphraseFile</c>, the systemd credential, standard input. The first one given is used.</summary>
internal static class Passphrases
{
    /// <summary>Longer than any passphrase anyone types; a bound on what is read from a descriptor or a file.</summary>
    private const int MaxLength = 1024;

    /// <exception cref="InvalidOperationException">No source gave one; the message lists what was tried.</exception>
    public static Passphrase Find(PrivacyOptions options, PassphraseSources sources, string keyFile)
    {
        if (options.PassphraseFd is { } fd)
        {
            return new Passphrase(ReadDescriptor(fd), $"file descriptor {fd} (Privacy:PassphraseFd)");
        }

        if (!string.IsNullOrWhiteSpace(options.PassphraseFile))
        {
            return new Passphrase(ReadFile(options.PassphraseFile, "Privacy:PassphraseFile"), $"Privacy:PassphraseFile ({options.PassphraseFile})");
        }

        var credential = options.PassphraseCredential;
        string credentialTried;
        if (string.IsNullOrWhiteSpace(sources.CredentialsDirectory))
        {
            credentialTried = $"the systemd credential '{credential}' (CREDENTIALS_DIRECTORY is not set)";
        }
        else
        {
            var path = Path.Combine(sources.CredentialsDirectory, credential);
            if (File.Exists(path))
            {
                // systemd owns this file and its directory's permissions; it is readable by this service only.
                return new Passphrase(Trim(ReadBounded(File.OpenHandle(path), path)), $"the systemd credential '{credential}' ({path})");
            }

            credentialTried = $"the systemd credential '{credential}' (no {path})";
        }

        string standardInputTried;
        if (sources.StandardInput is { } input)
        {
            if (input.ReadLine($"Passphrase for the sealed key file {keyFile}: ") is { Length: > 0 } typed)
            {
                return new Passphrase(typed, "standard input");
            }

            standardInputTried = "standard input (empty)";
        }
        else
        {
            standardInputTried = "standard input (not read by the service)";
        }

        throw new InvalidOperationException(
            $"The key file {keyFile} is sealed and no passphrase was given. Tried: Privacy:PassphraseFd (not set), " +
            $"Privacy:PassphraseFile (not set), {credentialTried}, {standardInputTried}. " +
            "Under systemd give it with LoadCredentialEncrypted=keys-passphrase:... (see deploy/communitybot.service).");
    }

    /// <summary>Reads a passphrase file, refusing one that others can read; one trailing line break is not part of it.</summary>
    /// <exception cref="InvalidOperationException">Missing, readable by others, or empty; the message names the setting.</exception>
    public static byte[] ReadFile(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} points at {path}, which does not exist.");
        }

        OwnerOnlyFiles.RefuseIfOthersCanRead(path, setting);
        var passphrase = Trim(ReadBounded(File.OpenHandle(path), path));
        return passphrase.Length > 0 ? passphrase : throw new InvalidOperationException($"{setting} {path} is empty.");
    }

    private static byte[] ReadDescriptor(int fd)
    {
        try
        {
            // Closed once read: the passphrase has no reason to stay reachable through the descriptor.
            var passphrase = Trim(ReadBounded(new SafeFileHandle(fd, ownsHandle: true), $"file descriptor {fd}"));
            return passphrase.Length > 0 ? passphrase : throw new InvalidOperationException($"Privacy:PassphraseFd {fd} gave an empty passphrase.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"Privacy:PassphraseFd {fd} cannot be read: {e.Message}", e);
        }
    }

    private static byte[] ReadBounded(SafeFileHandle handle, string what)
    {
        var buffer = new byte[MaxLength + 1];
        try
        {
            using (handle)
            using (var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0))
            {
                var length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }

                return length <= MaxLength
                    ? buffer[..length]
                    : throw new InvalidOperationException($"The passphrase in {what} is longer than {MaxLength} bytes.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    // "echo passphrase > file" and systemd-creds both leave a line break at the end; it is not part of the passphrase.
    internal static byte[] Trim(byte[] passphrase)
    {
        var length = passphrase.Length;
        while (length > 0 && passphrase[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        if (length == passphrase.Length)
        {
            return passphrase;
        }

        var trimmed = passphrase[..length];
        CryptographicOperations.ZeroMemory(passphrase);
        return trimmed;
    }

    internal static int CharacterCount(byte[] passphrase) => Encoding.UTF8.GetCharCount(passphrase);
}
