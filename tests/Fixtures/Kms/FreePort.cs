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
