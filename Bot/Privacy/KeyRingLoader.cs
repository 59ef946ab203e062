using Microsoft.Extensions.Logging;

namespace CommunityBot.Privacy;

/// <summary>Loads the keys once per process: options are validated more than once at start-up, and a passphrase read
/// from standard input or a file descriptor can only be read once (and Argon2 is slow on purpose).</summary>
internal sealed partial class KeyRingLoader(PassphraseSources passphrases, ILogger<KeyRingLoader> logger)
{
    private readonly Lock _gate = new();
    private KeyRing? _ring;
    private InvalidOperationException? _failure;

    /// <exception cref="InvalidOperationException">See <see cref="KeyRing.Load(PrivacyOptions)"/>; the same one on
    /// every call after the first failed.</exception>
    public KeyRing Load(PrivacyOptions options)
    {
        lock (_gate)
        {
            if (_ring is not null)
            {
                return _ring;
            }

            if (_failure is not null)
            {
                throw _failure;
            }

            try
            {
                var loaded = KeyRing.Load(options, passphrases);
                if (loaded.Source == KeySource.PlainFile)
                {
                    LogPlainKeyFile(logger);
                }
                else if (loaded.Source == KeySource.SealedFile)
                {
                    // Argon2 has just filled 64 MiB that nothing needs any more: given back now, it does not count
                    // against the service's memory for the hours until the next full collection.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }

                _ring = loaded.Ring;
                return _ring;
            }
            catch (InvalidOperationException e)
            {
                _failure = e;
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key file is not sealed: anyone who copies this server's disk can read every " +
        "stored story and follow-up chat, and can recompute the pseudonyms of people they suspect. Seal it under a passphrase: Bot keys seal")]
    private static partial void LogPlainKeyFile(ILogger logger);
}
