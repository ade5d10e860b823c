using System.Net;
using System.Net.Sockets;

namespace Fixtures.Kms;

public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1; callers retry when another process wins the race.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port nobody listens on, for "unreachable endpoint" tests.</summary>
    public static int Closed() => Next();
}

/// <summary>
/// A port source for a peer's start that hands out <paramref name="taken"/> first and free ports after, recording what
/// it handed out: the race of a port taken between choosing and binding it, on purpose.
/// </summary>
public sealed class TakenFirstPorts(int taken)
{
    private readonly List<int> _offered = [];

    public IReadOnlyList<int> Offered => _offered;

    public int Next()
    {
        _offered.Add(_offered.Count == 0 ? taken : FreePort.Next());
        return _offered[^1];
    }
}
