using System.Diagnostics;

namespace Fixtures.Kms;

/// <summary>
/// <c>moto_server</c> (Python, <c>pip install "moto[server]" boto3</c>) on a free port of 127.0.0.1, for
/// checking that what the build writes and reads is compatible with another KMS implementation and with
/// boto3. Disposal stops the process this fixture started, and only that one.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Credentials moto accepts (any non-empty pair); they exist only in this test.</summary>
    public static IReadOnlyDictionary<string, string?> ClientEnvironment(string url) => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_SESSION_TOKEN"] = null,
        ["AWS_REGION"] = KmsEmulator.DefaultRegion, ["AWS_DEFAULT_REGION"] = KmsEmulator.DefaultRegion,
        ["AWS_ENDPOINT_URL"] = url, ["AWS_PROFILE"] = null, ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    /// <summary>Null (with the reason in <paramref name="missing"/>) when moto_server is not installed.</summary>
    /// <param name="nextPort">Where ports come from (a free one by default); a test hands out a taken one first.</param>
    public static async Task<MotoServer?> TryStartAsync(Action<string> missing, string executable = "moto_server", Func<int>? nextPort = null)
    {
        // The port is chosen before moto binds it, so another process may take it first: moto then exits, and another
        // port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var lost = false;
            var server = await TryStartOnAsync((nextPort ?? FreePort.Next)(), executable, attempt < 3 ? () => lost = true : null, missing);
            if (server is not null || !lost) return server;
        }
    }

    private static async Task<MotoServer?> TryStartOnAsync(int port, string executable, Action? portTaken, Action<string> missing)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString() }) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            missing($"{executable} is not installed ({e.Message}); install it with: pip install \"moto[server]\" boto3");
            return null;
        }
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, port);
        // Python starting moto can take long on a loaded 2-core machine; a late start is not a missing tool.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // the rest of its error output
                if (portTaken is not null && errors.Any(e => e.Contains("already in use", StringComparison.OrdinalIgnoreCase)))
                {
                    portTaken();
                    return null;
                }
                missing($"{executable} exited with code {process.ExitCode} before listening on port {port}: {string.Join(" | ", errors.TakeLast(5))}");
                return null;
            }
            // Asked over HTTP, not just connected to: another test's peer may have taken the port before moto bound
            // it, and then this moto exits while that peer answers.
            try
            {
                using var answer = await probe.GetAsync($"{server.Url}/moto-api/data.json");
                if (answer.IsSuccessStatusCode && answer.Headers.Server.ToString().Contains("Werkzeug", StringComparison.Ordinal) && !process.HasExited)
                    return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        missing($"{executable} did not listen on port {port} within 120 s: {string.Join(" | ", errors.TakeLast(5))}");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            // Bounded: WaitForExitAsync also waits for the end of moto's output, which anything it started and the
            // kill missed would hold open, and a class fixture that never finishes disposing holds the test run.
            try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { }
        }
        _process.Dispose();
    }
}
