using System.Net;
using System.Net.Sockets;
using Fixtures.Http;

namespace Release.Tests.GitLabApi;

/// <summary>The HTTP peers' start: a port taken between choosing and binding it costs one more attempt, not the test.</summary>
public sealed class LoopbackListenerTests
{
    [Fact]
    public async Task A_port_taken_before_the_bind_is_replaced_by_another_and_the_listener_serves()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var offered = new List<int>();
        int Next()
        {
            var port = offered.Count == 0 ? takenPort : Fixtures.Kms.FreePort.Next();
            offered.Add(port);
            return port;
        }

        var (listener, port) = LoopbackListener.Start(Next);
        using (listener)
        {
            Assert.Equal(2, offered.Count);
            Assert.NotEqual(takenPort, port);
            var answer = Task.Run(async () =>
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = 204;
                context.Response.Close();
            });
            using var client = new HttpClient();
            var response = await client.GetAsync($"http://127.0.0.1:{port}/");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            await answer;
        }
    }
}
