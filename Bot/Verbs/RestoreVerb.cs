using System.CommandLine;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunityBot.Verbs;

/// <summary><c>Bot restore --from FILE [--force]</c>: puts a backup's database in place, only while no service holds
/// the data, only over an empty one unless forced, and only once the backup proved whole (see
/// <see cref="BackupRestore"/>). Each refusal has its own exit code (sysexits.h), for scripts.</summary>
internal static class RestoreVerb
{
    /// <summary>EX_DATAERR: the file is damaged or not a backup.</summary>
    public const int Damaged = 65;

    /// <summary>EX_NOINPUT: there is no such file.</summary>
    public const int NoFile = 66;

    /// <summary>EX_CANTCREAT: a database with content is there and --force was not given.</summary>
    public const int NotEmpty = 73;

    /// <summary>EX_NOPERM: the backup was taken with other keys.</summary>
    public const int WrongKeys = 77;

    private const int Failed = 1;

    public static Command Create(Option<string?> dataOption)
    {
        var fromOption = new Option<string>("--from") { Description = "The backup file to restore", Required = true };
        var forceOption = new Option<bool>("--force") { Description = "Replace a database that has content (the service must be stopped all the same)" };
        var restore = new Command("restore", "Restore the database from a backup; the service must be stopped, and the keys must be the ones the backup was taken with.")
        {
            dataOption, fromOption, forceOption,
        };
        restore.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(dataOption), parse.GetValue(fromOption) ?? "", parse.GetValue(forceOption), cancellationToken));
        return restore;
    }

    private static async Task<int> RunAsync(string? data, string from, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(from))
        {
            return Fail($"There is no backup file at {Path.GetFullPath(from)}.", NoFile);
        }
        var builder = BotHost.CreateBuilder(data, interactive: true);
        if (!BackupVerb.UseExistingKeys(builder))
        {
            return Fail(BackupVerb.NoKeys(builder) + " A backup opens only with the keys of the installation it was taken from.", ExitCodes.Configuration);
        }
        using var host = builder.Build();
        BackupRestore restore;
        try
        {
            host.Services.GetRequiredService<KeyRing>();
            restore = host.Services.GetRequiredService<BackupRestore>();
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            return Fail(e.Message, ExitCodes.Configuration);
        }

        RestoreOutcome outcome;
        try
        {
            outcome = await restore.RestoreAsync(from, force, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"Nothing was restored: {e.Message}", Failed);
        }
        switch (outcome)
        {
            case RestoreOutcome.Restored restored:
                await Console.Out.WriteLineAsync(
                    $"Restored {restored.DatabasePath} from {Path.GetFullPath(from)}, taken {restored.Manifest.TakenOn}: {restored.Manifest.ReportCount} reports; " +
                    "checksum and counts match the backup's manifest. Start the service with the same keys.");
                return 0;
            case RestoreOutcome.InUse inUse:
                return Fail($"A running service (or another command) holds {inUse.DatabasePath}: stop it first (systemctl stop communitybot). Nothing was restored.",
                    BackupVerb.InUse);
            case RestoreOutcome.NotEmpty notEmpty:
                return Fail($"{notEmpty.DatabasePath} holds data already. To replace it, back it up first and run the restore again with --force.", NotEmpty);
            case RestoreOutcome.Unreadable { Problem: BackupProblem.WrongKeys } wrongKeys:
                return Fail(wrongKeys.Reason, WrongKeys);
            case RestoreOutcome.Unreadable unreadable:
                return Fail(unreadable.Reason, Damaged);
            default:
                return Fail($"The restore ended unexpectedly: {outcome}", Damaged);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
