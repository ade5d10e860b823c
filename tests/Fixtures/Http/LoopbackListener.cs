using System.Net;

namespace Fixtures.Http;

/// <summary>
/// An <see cref="HttpListener"/> started on a free port of 127.0.0.1. The port is chosen first and bound after, so
/// another process may take it in between; a listener whose Start failed is disposed by .NET and cannot try again,
/// so each attempt has a listener of its own.
/// </summary>
public static class LoopbackListener
{
    private const int Attempts = 6;

    /// <param name="nextPort">Where ports come from (a free one by default); a test hands out a taken one first.</param>
    public static (HttpListener Listener, int Port) Start(Func<int>? nextPort = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = (nextPort ?? Kms.FreePort.Next)();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                listener.Close();
            }
        }
    }
}
