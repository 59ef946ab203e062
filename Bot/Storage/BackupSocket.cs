using CommunityBot.Privacy;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityBot.Storage;

/// <summary>
/// How <c>Bot backup</c> asks the process that holds the database for a backup: a Unix domain socket beside the
/// database, mode 0600 in the owner-only data folder, there only while that process runs. The verb sends one request
/// line; the answer is frames of a type byte and a length: <see cref="Data"/> (the backup file's bytes, in order), then
/// <see cref="Manifest"/> (its manifest, counts only) to say it is complete, or <see cref="Error"/> instead.
/// </summary>
internal static class BackupSocket
{
    public const string Request = "backup 1\n";

    public const byte Data = (byte)'D';

    public const byte Manifest = (byte)'M';

    public const byte Error = (byte)'E';

    public const int FrameHeaderLength = 5;

    /// <summary>How long either end waits on the other before giving up: the gate is held while the backup is
    /// sent, so a verb that stops reading must not hold members up for longer.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static string PathOf(string databasePath) => databasePath + ".sock";

    public static void WriteFrame(Stream output, byte type, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[FrameHeaderLength];
        header[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], payload.Length);
        output.Write(header);
        output.Write(payload);
    }

    /// <summary>Whether a process holding the database at <paramref name="databasePath"/> answers on its socket.</summary>
    public static async Task<bool> AnswersAsync(string databasePath, CancellationToken cancellationToken)
    {
        var path = PathOf(databasePath);
        if (!File.Exists(path))
        {
            return false;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Asks the process holding the database at <paramref name="databasePath"/> for a backup, written to
    /// <paramref name="output"/> as it comes.</summary>
    public static async Task<BackupAnswer> RequestAsync(string databasePath, Stream output, CancellationToken cancellationToken)
    {
        var path = PathOf(databasePath);
        if (!File.Exists(path))
        {
            return new BackupAnswer.NobodyListens();
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            return new BackupAnswer.Failed($"The service's socket {path} answers only the service's own user: run the backup as that user.");
        }
        catch (SocketException)
        {
            // A socket file left by a process that ended without removing it.
            return new BackupAnswer.NobodyListens();
        }

        var stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(Request), cancellationToken);
            var header = new byte[FrameHeaderLength];
            var payload = new byte[BackupFormat.ChunkSize + 64];
            while (true)
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                patience.CancelAfter(Patience);
                try
                {
                    await stream.ReadExactlyAsync(header, patience.Token);
                    var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
                    if (length < 0 || length > payload.Length)
                    {
                        return new BackupAnswer.Failed("The service sent something that is not a backup.");
                    }
                    await stream.ReadExactlyAsync(payload.AsMemory(0, length), patience.Token);
                    switch (header[0])
                    {
                        case Data:
                            await output.WriteAsync(payload.AsMemory(0, length), cancellationToken);
                            break;
                        case Manifest when BackupManifest.FromJson(payload.AsSpan(0, length)) is { } manifest:
                            return new BackupAnswer.Taken(manifest);
                        case Error:
                            return new BackupAnswer.Failed(Encoding.UTF8.GetString(payload, 0, length));
                        default:
                            return new BackupAnswer.Failed("The service sent something that is not a backup.");
                    }
                }
                catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    return new BackupAnswer.Failed("The service stopped sending before the backup was complete; see its log.");
                }
            }
        }
    }
}

/// <summary>How a request over the <see cref="BackupSocket"/> ended.</summary>
internal abstract record BackupAnswer
{
    private BackupAnswer()
    {
    }

    /// <summary>No process holding the database listens: the verb may open it itself, if its lock is free.</summary>
    public sealed record NobodyListens : BackupAnswer;

    public sealed record Taken(BackupManifest Manifest) : BackupAnswer;

    public sealed record Failed(string Reason) : BackupAnswer;
}

/// <summary>Answers <see cref="BackupSocket"/> requests in the process that holds the database, one at a time.</summary>
internal sealed partial class BackupSocketService(Database database, Backups backups, ILogger<BackupSocketService> logger) : BackgroundService
{
    private const int RequestLimit = 64;

    private Socket? _listener;

    public string Path { get; } = BackupSocket.PathOf(database.Path);

    // Bound before the host reports started, so a backup asked for right after start-up finds the socket.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return Task.CompletedTask;
        }
        try
        {
            // This process holds the database's lock, so a socket file here is a dead process's.
            File.Delete(Path);
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(Path));
            // Bound with the process's umask first; the data folder is the owner's alone (0700), so nobody else
            // reaches the socket before this.
            File.SetUnixFileMode(Path, OwnerOnlyFiles.Mode);
            listener.Listen(1);
            _listener = listener;
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            // The service runs on without it; `Bot backup` then says the data is in use and no socket answers.
            LogNotListening(logger, e);
            return Task.CompletedTask;
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        await base.StopAsync(cancellationToken);
        if (_listener is not null)
        {
            File.Delete(Path);
        }
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is not { } listener)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            using (client)
            {
                await AnswerAsync(client, stoppingToken);
            }
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken stoppingToken)
    {
        client.SendTimeout = (int)BackupSocket.Patience.TotalMilliseconds;
        var stream = new NetworkStream(client, ownsSocket: false);
        await using (stream)
        {
            try
            {
                var request = await ReadRequestAsync(stream, stoppingToken);
                if (request.Length == 0)
                {
                    // Only asked whether anyone is here (`Bot restore` making sure no service runs).
                    return;
                }
                if (request != BackupSocket.Request)
                {
                    BackupSocket.WriteFrame(stream, BackupSocket.Error, "Unknown request: this service understands the `Bot backup` of its own version."u8);
                    return;
                }
                var started = Stopwatch.GetTimestamp();
                var manifest = await backups.WriteAsync(new DataFrames(stream));
                var held = Stopwatch.GetElapsedTime(started);
                BackupSocket.WriteFrame(stream, BackupSocket.Manifest, manifest.ToJson());
                LogTaken(logger, manifest.DatabaseLength, held.TotalMilliseconds);
            }
#pragma warning disable CA1031 // One failed backup must not end the listener; the verb is told, the log says why.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
                try
                {
                    BackupSocket.WriteFrame(stream, BackupSocket.Error, "The service could not take the backup; its log says why."u8);
                }
                catch (IOException)
                {
                    // The verb has gone already.
                }
            }
        }
    }

    private static async Task<string> ReadRequestAsync(NetworkStream stream, CancellationToken stoppingToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        patience.CancelAfter(BackupSocket.Patience);
        var request = new byte[RequestLimit];
        var length = 0;
        while (length < request.Length)
        {
            var read = await stream.ReadAsync(request.AsMemory(length, 1), patience.Token);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (request[length - 1] == (byte)'\n')
            {
                break;
            }
        }
        return Encoding.ASCII.GetString(request, 0, length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backup socket could not be opened; `Bot backup` cannot reach this service while it runs")]
    private static partial void LogNotListening(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup taken: {Bytes} bytes of database in {Milliseconds:F0} ms through the database gate")]
    private static partial void LogTaken(ILogger logger, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A backup could not be taken")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    /// <summary>Everything written to it goes out as <see cref="BackupSocket.Data"/> frames.</summary>
    private sealed class DataFrames(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer) => BackupSocket.WriteFrame(inner, BackupSocket.Data, buffer);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
