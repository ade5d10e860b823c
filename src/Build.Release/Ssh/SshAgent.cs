using System.Globalization;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace GitLabRelease.Ssh;

/// <summary>
/// A private ssh-agent holding only the deploy key, for the length of one remote operation. Its socket is in a 0700
/// directory of the run; the key is added from standard input with a lifetime; the agent runs in command mode around
/// <c>tail --pid=&lt;build&gt;</c>, so it exits by itself when the build process dies, even by SIGKILL, and disposing
/// it ends it at once.
/// </summary>
public sealed class SshAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly RunningTool _process;
    private readonly ToolRunner _runner;
    private int _agentPid;

    private SshAgent(RunningTool process, ToolRunner runner, string socketPath)
    {
        _process = process;
        _runner = runner;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static async Task<SshAgent> StartAsync(ToolRunner runner, string directory, CancellationToken cancellationToken)
    {
        var socket = Path.Combine(directory, "agent.sock");
        var announced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // ssh-agent execs the command as the parent and forks itself as the agent, which exits when that parent does.
        var process = runner.Start(new ToolInvocation("ssh-agent",
            ["-a", socket, "sh", "-c", "echo \"agent-pid=$SSH_AGENT_PID\"; exec tail --pid=\"$1\" -f /dev/null", "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            LogOutput = false,
            AllowFailure = true,
            OnOutputLine = line =>
            {
                if (line.StartsWith("agent-pid=", StringComparison.Ordinal) && int.TryParse(line["agent-pid=".Length..], out var pid))
                    announced.TrySetResult(pid);
            },
        }, cancellationToken);
        var agent = new SshAgent(process, runner, socket);
        try
        {
            var first = await Task.WhenAny(announced.Task, process.Completion, Task.Delay(StartTimeout, cancellationToken));
            if (first != announced.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stderr = process.Completion.IsCompletedSuccessfully ? ToolRunner.Tail(process.Completion.Result.StandardError, 3) : "it did not start in time";
                throw new BuildException($"Could not start a private ssh-agent for the deploy key: {stderr}",
                    "Install OpenSSH's client tools (ssh-agent, ssh-add; Debian/Ubuntu: openssh-client) and coreutils' tail on the runner.");
            }
            agent._agentPid = announced.Task.Result;
            if (agent._agentPid > 0 && runner.Children.RecordsChildren) runner.Children.Scratch.RecordChild(agent._agentPid);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds the key from standard input; it expires after <paramref name="lifetime"/> even if nobody removes it.</summary>
    public async Task AddAsync(SshDeployKey key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var result = await _runner.RunAsync(new ToolInvocation("ssh-add", ["-q", "-t", seconds, "-"])
        {
            StandardInput = key.PrivateKey,
            Environment = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = SocketPath, ["SSH_ASKPASS"] = null, ["SSH_ASKPASS_REQUIRE"] = "never", ["DISPLAY"] = null },
            LogOutput = false,
            AllowFailure = true,
            Timeout = TimeSpan.FromSeconds(30),
        }, cancellationToken);
        if (!result.Succeeded)
            throw new BuildException($"ssh-add refused the deploy key ({ToolRunner.Tail(result.StandardError, 2)}).",
                $"The decrypted key must be an OpenSSH private key without passphrase; re-create it with {Spelling.Run("CreateDeployKey", "Force")}.");
    }

    public async ValueTask DisposeAsync()
    {
        // The agent may outlive its parent by up to ten seconds (its liveness check); end it at once instead.
        if (_agentPid > 0)
        {
            try
            {
                using var agent = System.Diagnostics.Process.GetProcessById(_agentPid);
                agent.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
        await _process.StopAsync();
        try { File.Delete(SocketPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
