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
        var ports = new Fixtures.Kms.TakenFirstPorts(takenPort);

        var (listener, port) = LoopbackListener.Start(ports.Next);
        using (listener)
        {
            Assert.Equal(2, ports.Offered.Count);
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
