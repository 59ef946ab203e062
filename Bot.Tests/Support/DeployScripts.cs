using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace CommunityBot.Tests.Support;

/// <summary>The repository's <c>deploy/</c> folder and a way to run its scripts with bash, as an operator would.</summary>
internal static class DeployScripts
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static string Folder { get; } = Find();

    public static string File(string name) => Path.Combine(Folder, name);

    public static async Task<Result> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>A shell script standing in for the <c>Bot</c> program: it appends its arguments to
    /// <paramref name="calls"/>, then runs <paramref name="body"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void WriteFakeProgram(string path, string calls, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        System.IO.File.WriteAllText(path, $"#!/usr/bin/env bash\nset -eu\necho \"$*\" >> '{calls}'\n{body}\n");
        System.IO.File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Every file, folder and link under <paramref name="root"/> with its mode, time and content hash: equal
    /// snapshots mean nothing was changed.</summary>
    [UnsupportedOSPlatform("windows")]
    public static IReadOnlyList<string> Snapshot(string root) =>
    [
        .. new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .OrderBy(entry => entry.FullName, StringComparer.Ordinal)
            .Select(entry => string.Join(' ',
                Path.GetRelativePath(root, entry.FullName),
                Convert.ToString((int)entry.UnixFileMode, 8),
                entry.LastWriteTimeUtc.Ticks,
                entry.LinkTarget ?? (entry is FileInfo file ? Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(file.FullName))) : "dir"))),
    ];

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var deploy = Path.Combine(directory.FullName, "deploy");
            if (System.IO.File.Exists(Path.Combine(deploy, "install.sh")))
            {
                return deploy;
            }
        }
        throw new DirectoryNotFoundException("deploy/install.sh is not above " + AppContext.BaseDirectory);
    }
}
