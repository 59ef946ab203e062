using System.CommandLine;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommunityBot.Verbs;

/// <summary><c>Bot backup --out FILE</c>: an encrypted, consistent copy of the database. While the service runs it
/// takes the backup itself, through its database gate, asked over its socket (<see cref="BackupSocket"/>); when
/// nothing holds the data, the verb opens it and does the same.</summary>
internal static class BackupVerb
{
    /// <summary>EX_TEMPFAIL from sysexits.h: the data is held by a process that does not answer; try again once it
    /// has stopped.</summary>
    public const int InUse = 75;

    private const int Failed = 1;

    private const string PartialSuffix = ".partial";

    public static Command Create(Option<string?> dataOption)
    {
        var outOption = new Option<string>("--out") { Description = "The backup file to write (mode 0600)", Required = true };
        var backup = new Command("backup", "Write an encrypted backup of the database, also while the service runs. It opens only with this installation's keys.")
        {
            dataOption, outOption,
        };
        backup.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(dataOption), parse.GetValue(outOption) ?? "", cancellationToken));
        return backup;
    }

    /// <summary>Points the keys at the data folder's key file when none are configured, as the other terminal verbs
    /// do; but never creates one, since new keys open nothing that is stored.</summary>
    /// <returns>False when there are no keys to use.</returns>
    public static bool UseExistingKeys(HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PrivacyOptions.Section);
        if (!string.IsNullOrWhiteSpace(section[nameof(PrivacyOptions.DataKey)]) || !string.IsNullOrWhiteSpace(section[nameof(PrivacyOptions.KeyFile)]))
        {
            return true;
        }
        var keyFile = Path.GetFullPath(Path.Combine(BotHost.DataDirectory(builder.Configuration), BotHost.LocalKeyFileName));
        if (!File.Exists(keyFile))
        {
            return false;
        }
        section[nameof(PrivacyOptions.KeyFile)] = keyFile;
        return true;
    }

    public static string NoKeys(HostApplicationBuilder builder) =>
        $"No keys are configured and there is no {BotHost.LocalKeyFileName} in {Path.GetFullPath(BotHost.DataDirectory(builder.Configuration))}: " +
        "set Privacy:KeyFile (or Privacy__KeyFile) to the installation's key file.";

    private static async Task<int> RunAsync(string? data, string outFile, CancellationToken cancellationToken)
    {
        var builder = BotHost.CreateBuilder(data, interactive: true);
        var target = Path.GetFullPath(outFile);
        var partial = target + PartialSuffix;
        int code;
        BackupManifest? manifest = null;
        FileStream output;
        try
        {
            output = CreateOwnerOnly(partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"{partial} cannot be written: {e.Message}");
        }
        try
        {
            await using (output)
            {
                var databasePath = DatabasePath(builder);
                var answer = await BackupSocket.RequestAsync(databasePath, output, cancellationToken);
                (code, manifest) = answer switch
                {
                    BackupAnswer.Taken taken => (0, taken.Manifest),
                    BackupAnswer.Failed failed => (Fail(failed.Reason), null),
                    _ => await TakeItselfAsync(builder, databasePath, output),
                };
            }
        }
        catch (IOException e)
        {
            (code, manifest) = (Fail($"The backup could not be written to {partial}: {e.Message}"), null);
        }
        if (manifest is null)
        {
            File.Delete(partial);
            return code;
        }

        // Under its final name only once complete, so that a timer keeping the last few never keeps a broken one.
        File.Move(partial, target, overwrite: true);
        var collections = string.Join(", ", manifest.Counts.Select(pair => $"{pair.Key} {pair.Value}"));
        await Console.Out.WriteLineAsync(
            $"Backup written to {target}: {manifest.ReportCount} reports, {manifest.DatabaseLength} bytes of database (schema version {manifest.SchemaVersion}, " +
            $"sha256 {manifest.Sha256}).{Environment.NewLine}Documents per collection: {collections}.{Environment.NewLine}" +
            "It is encrypted with a key derived from this installation's data key: the backup is useless without the keys. " +
            "Keep a copy of the key file (and its passphrase, if sealed) somewhere safe and apart from the backups; restoring needs both.");
        return 0;
    }

    public static string DatabasePath(HostApplicationBuilder builder) =>
        (builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).DatabasePath;

    // Nobody answers on the socket: the verb opens the data itself, which its lock allows only if nothing holds it.
    private static async Task<(int Code, BackupManifest? Manifest)> TakeItselfAsync(HostApplicationBuilder builder, string databasePath, Stream output)
    {
        if (!File.Exists(databasePath))
        {
            return (Fail($"There is no database at {databasePath}; nothing to back up."), null);
        }
        if (!UseExistingKeys(builder))
        {
            return (Fail(NoKeys(builder), ExitCodes.Configuration), null);
        }
        using var host = builder.Build();
        Backups backups;
        try
        {
            host.Services.GetRequiredService<KeyRing>();
            backups = host.Services.GetRequiredService<Backups>();
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            return (Fail(e.Message, ExitCodes.Configuration), null);
        }
        catch (UnauthorizedAccessException e)
        {
            return (Fail($"The data at {databasePath} cannot be opened by this user ({e.Message}): run the backup as the service's user."), null);
        }
        catch (IOException)
        {
            return (Fail($"The data at {databasePath} is held by a running process that does not answer on {BackupSocket.PathOf(databasePath)} " +
                "(an older version of the service?). Stop it and run the backup again.", InUse), null);
        }
        return (0, await backups.WriteAsync(output));
    }

    // The backup is as sensitive as the database: owner-only from its creation.
    private static FileStream CreateOwnerOnly(string path)
    {
        // A leftover of an earlier attempt is removed, so the new file is created, with its mode, not reused.
        File.Delete(path);
        return OwnerOnlyFiles.Open(path, FileMode.CreateNew, FileAccess.ReadWrite);
    }

    private static int Fail(string message, int code = Failed)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
