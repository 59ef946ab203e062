using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CommunityBot.Tests.Support;

/// <summary>
/// A loopback port for a server that a test must name before it starts: the bot's own web server, whose address is a
/// setting and, in webhook mode, part of the address Telegram is given. A port the kernel hands out for port 0 comes
/// from the ephemeral range, and once the probe lets it go, any process's next outgoing connection or port-0 server on
/// this machine may take it before the bot binds it (the bot then stops with "address already in use"). A port below
/// that range is never handed out by the kernel: only a server asking for that very number could take it.
/// </summary>
internal static class LoopbackPort
{
    private const int Lowest = 20000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A port no one listens on now, below the ephemeral range where the machine has room for one.</summary>
    public static int Free()
    {
        var below = FirstEphemeral();
        for (var attempt = 0; attempt < 200 && below - Lowest > 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (TryProbe(port))
            {
                return port;
            }
        }
        // No room below the range (an unusual machine): the kernel's choice, with the race described above.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool TryProbe(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux's default is 32768).</summary>
    private static int FirstEphemeral() =>
        File.Exists(EphemeralRange)
        && int.TryParse(File.ReadAllText(EphemeralRange).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            ? first
            : 32768;
}
