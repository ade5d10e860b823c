using System.Diagnostics;
using System.Globalization;

namespace EndToEnd.Tests.Support;

/// <summary>How the signal rows time and send their signals: by GitLab's side of the push, not the build's output.</summary>
public static class SignalSupport
{
    public const int SIGTERM = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>kill(2) from this process: no kill process to start, so the signal lands when the test says; 0 when sent.</summary>
    public static int Send(int pid, int signal) => Kill(pid, signal);

    /// <summary>
    /// Waits until GitLab's side is inside the push: its pre-receive hook has recorded the push and now sleeps. The
    /// build's own output is no clock for this (its "> git push" line may be read before or after git starts).
    /// </summary>
    public static async Task WaitUntilTheServerIsInThePushAsync(Fixtures.Ssh.SshdServer sshd, string project, int pushesBefore, Process build)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (sshd.PushOptions(project).Count == pushesBefore)
        {
            if (build.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"The push never reached the server (build exited: {build.HasExited}).");
            await Task.Delay(50);
        }
    }

    public static async Task WaitForOutputAsync(System.Text.StringBuilder output, string text, Process build)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            lock (output) if (output.ToString().Contains(text, StringComparison.Ordinal)) return;
            if (build.HasExited || DateTime.UtcNow > deadline)
                lock (output) throw new TimeoutException($"'{text}' did not appear (build exited: {build.HasExited}):\n{output}");
            await Task.Delay(2);
        }
    }

    /// <summary>A signal by name through the kill command, as a runner's shell would send it.</summary>
    public static async Task KillCommandAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {pid} exited {kill.ExitCode}");
    }
}
