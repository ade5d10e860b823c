using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fixtures.Ssh;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 that serves git repositories the way GitLab's shell does: each
/// authorized key runs a forced command that maps <c>git-receive-pack '/group/project.git'</c> (ssh:// URLs) and
/// <c>'group/project.git'</c> (scp-style) to a bare repository, refuses receive-pack for read-only keys and
/// unknown projects with GitLab's messages, and a pre-receive hook applies protected tags and records push
/// options. Everything (host keys, config, repositories) lives in one temporary directory; each server has
/// its own host keys, so a second server is the "host key changed" peer. The login user is the current user
/// (<see cref="User"/>), so no system account is needed.
/// </summary>
public sealed class SshdServer : IDisposable
{
    public const string Host = "127.0.0.1";
    public const string ReadOnlyMessage = "GitLab: This deploy key does not have write access to this project.";
    public const string NotFoundMessage = "GitLab: The project you were looking for could not be found.";
    public const string ProtectedTagMessage = "GitLab: You are not allowed to create this tag as it is protected.";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private SshdServer(string root, int port, string hostPublicKey, Process process, StringBuilder log)
    {
        Root = root;
        Port = port;
        HostPublicKey = hostPublicKey;
        _process = process;
        _log = log;
    }

    /// <summary>The temporary directory holding config, host keys, authorized_keys and repos/.</summary>
    public string Root { get; }

    public int Port { get; }

    /// <summary>The login user in URLs: the user running the tests (GitLab's is "git").</summary>
    public string User { get; } = Environment.UserName;

    /// <summary>"ssh-ed25519 AAAA..." of this server's host key.</summary>
    public string HostPublicKey { get; }

    /// <summary>The line to pin this server in a known_hosts file (what <c>ssh-keyscan -p PORT 127.0.0.1</c> prints).</summary>
    public string KnownHostsLine => $"[{Host}]:{Port} {HostPublicKey}";

    public string KnownHostsName => $"[{Host}]:{Port}";

    public string SshUrl(string project = "group/project") => $"ssh://{User}@{Host}:{Port}/{project}.git";

    /// <summary>sshd's own log (LogLevel VERBOSE), for test diagnostics.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>One line per git command the forced command accepted or refused ("git-receive-pack group/project.git rw").</summary>
    public IReadOnlyList<string> AccessLog => ReadLines(Path.Combine(Root, "access.log"));

    public static string FindSshd()
    {
        foreach (var candidate in new[] { "/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd" })
            if (File.Exists(candidate)) return candidate;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "sshd"))) return Path.Combine(dir, "sshd");
        throw new InvalidOperationException(
            "OpenSSH server (sshd) is not installed; the SSH end-to-end tests need it. Install it with: apt-get install -y openssh-server");
    }

    /// <param name="nextPort">Where ports come from (a free one by default); a test hands out a taken one first.</param>
    public static async Task<SshdServer> StartAsync(CancellationToken cancellationToken = default, Func<int>? nextPort = null)
    {
        var sshd = FindSshd();
        var root = Path.Combine(Path.GetTempPath(), "sshd-fixture-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(root, "repos"));
        try
        {
            FixtureProcess.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "fixture-host", "-f", Path.Combine(root, "ssh_host_ed25519_key")]);
            var hostKey = string.Join(' ', File.ReadAllText(Path.Combine(root, "ssh_host_ed25519_key.pub")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
            File.WriteAllText(Path.Combine(root, "authorized_keys"), "");
            WriteExecutable(Path.Combine(root, "gitlab-shell"), GitLabShellScript);
            WriteExecutable(Path.Combine(root, "pre-receive"), PreReceiveHook);
            // sshd running as root insists on its privilege separation directory.
            if (Environment.UserName == "root") Directory.CreateDirectory("/run/sshd");

            Exception? last = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var port = (nextPort ?? FreePort)();
                var config = Path.Combine(root, "sshd_config");
                File.WriteAllText(config, Config(root, port));
                var log = new StringBuilder();
                var process = StartProcess(sshd, config, log);
                try
                {
                    await WaitUntilReadyAsync(process, port, log, cancellationToken);
                    return new SshdServer(root, port, hostKey, process, log);
                }
                catch (InvalidOperationException e)
                {
                    // Most likely someone took the port between probing and binding: try another one.
                    last = e;
                    Stop(process);
                }
            }
            throw last!;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates the bare repository for <paramref name="project"/> (e.g. "group/project") and returns its path.</summary>
    public string CreateProject(string project = "group/project")
    {
        var path = ProjectPath(project);
        Directory.CreateDirectory(path);
        FixtureProcess.Run("git", ["init", "--quiet", "--bare", path]);
        FixtureProcess.Git(path, "config", "receive.advertisePushOptions", "true");
        File.Copy(Path.Combine(Root, "pre-receive"), Path.Combine(path, "hooks", "pre-receive"), overwrite: true);
        return path;
    }

    public string ProjectPath(string project) => Path.Combine(Root, "repos", project + ".git");

    /// <summary>Lets <paramref name="publicKeyLine"/> log in; a read-only key is refused receive-pack like a GitLab deploy key without write access.</summary>
    public void AuthorizeKey(string publicKeyLine, bool canWrite)
    {
        var mode = canWrite ? "rw" : "ro";
        var line = $"command=\"{Path.Combine(Root, "gitlab-shell")} {mode}\",restrict {publicKeyLine.Trim()}\n";
        lock (_log) File.AppendAllText(Path.Combine(Root, "authorized_keys"), line);
    }

    /// <summary>Protects tags matching the shell pattern (e.g. "v*"): pushes creating them are declined with GitLab's message.</summary>
    public void ProtectTags(string project, string pattern) =>
        File.AppendAllText(Path.Combine(ProjectPath(project), "protected-tags"), pattern + "\n");

    /// <summary>Makes the pre-receive hook wait, so concurrent pushes overlap.</summary>
    public void SetHookDelay(string project, TimeSpan delay) =>
        File.WriteAllText(Path.Combine(ProjectPath(project), "hook-delay"), delay.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The push options each push delivered to the pre-receive hook, one line per option ("ci.skip"), "-" for a push without options.</summary>
    public IReadOnlyList<string> PushOptions(string project) => ReadLines(Path.Combine(ProjectPath(project), "push-options.log"));

    /// <summary>The commit the server's tag peels to, or null when the server has no such tag.</summary>
    public string? TagCommit(string project, string tag)
    {
        var result = FixtureProcess.Run("git", ["rev-parse", "--verify", "--quiet", $"refs/tags/{tag}^{{commit}}"], ProjectPath(project), check: false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    public IReadOnlyList<string> Tags(string project) =>
        FixtureProcess.Git(ProjectPath(project), "tag", "--list").StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        Stop(_process);
        TryDelete(Root);
    }

    private static Process StartProcess(string sshd, string config, StringBuilder log)
    {
        var start = new ProcessStartInfo(sshd)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-e", "-f", config }) start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(Process process, int port, StringBuilder log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"sshd exited with {process.ExitCode}: {Snapshot(log)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                using var stream = client.GetStream();
                var buffer = new byte[64];
                using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                read.CancelAfter(TimeSpan.FromSeconds(5));
                var count = await stream.ReadAsync(buffer, read.Token);
                // The banner alone could come from another test's sshd that took the port first (ours then fails to
                // bind and exits): ready means our own process says it listens there.
                if (Encoding.ASCII.GetString(buffer, 0, count).StartsWith("SSH-2.0", StringComparison.Ordinal)
                    && Snapshot(log).Contains($"Server listening on {Host} port {port}.", StringComparison.Ordinal) && !process.HasExited)
                    return;
            }
            catch (SocketException) { }
            catch (IOException) { }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(50, cancellationToken);
        }
        throw new InvalidOperationException($"sshd did not answer on port {port}: {Snapshot(log)}");
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static IReadOnlyList<string> ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];

    private static void WriteExecutable(string path, string content)
    {
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static void TryDelete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Config(string root, int port) => $"""
        Port {port}
        ListenAddress {Host}
        HostKey {root}/ssh_host_ed25519_key
        PidFile none
        AuthorizedKeysFile {root}/authorized_keys
        StrictModes no
        UsePAM no
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowTcpForwarding no
        X11Forwarding no
        PermitTTY no
        PrintMotd no
        UseDNS no
        KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org
        AcceptEnv GIT_PROTOCOL
        MaxStartups 50
        LoginGraceTime 30
        LogLevel VERBOSE

        """;

    // Like gitlab-shell: the key decides the access, the command names the project; stderr before the git
    // protocol starts reaches the client verbatim, which is where GitLab's messages come from.
    private const string GitLabShellScript = """
        #!/bin/sh
        mode="$1"
        root="$(cd "$(dirname "$0")" && pwd)"
        set -- $SSH_ORIGINAL_COMMAND
        verb="$1"
        path="$2"
        path="${path#\'}"; path="${path%\'}"; path="${path#/}"
        case "$verb" in
          git-receive-pack|git-upload-pack) ;;
          *) echo "GitLab: Disallowed command" >&2; exit 1 ;;
        esac
        case "$path" in *.git) ;; *) path="$path.git" ;; esac
        repo="$root/repos/$path"
        case "$path" in
          *..*|"") echo "GitLab: The project you were looking for could not be found." >&2; echo "$verb $path notfound" >> "$root/access.log"; exit 1 ;;
        esac
        if [ ! -d "$repo" ]; then
          echo "$verb $path notfound" >> "$root/access.log"
          echo "GitLab: The project you were looking for could not be found." >&2
          exit 1
        fi
        if [ "$verb" = git-receive-pack ] && [ "$mode" != rw ]; then
          echo "$verb $path denied" >> "$root/access.log"
          echo "GitLab: This deploy key does not have write access to this project." >&2
          exit 1
        fi
        echo "$verb $path $mode" >> "$root/access.log"
        exec "$verb" "$repo"

        """;

    private const string PreReceiveHook = """
        #!/bin/sh
        repo="$(pwd)"
        count="${GIT_PUSH_OPTION_COUNT:-0}"
        if [ "$count" -eq 0 ]; then echo "-" >> "$repo/push-options.log"; fi
        i=0
        while [ "$i" -lt "$count" ]; do
          eval "echo \"\$GIT_PUSH_OPTION_$i\"" >> "$repo/push-options.log"
          i=$((i + 1))
        done
        if [ -f "$repo/hook-delay" ]; then sleep "$(cat "$repo/hook-delay")"; fi
        while read -r old new ref; do
          if [ -f "$repo/protected-tags" ]; then
            while read -r pattern; do
              [ -z "$pattern" ] && continue
              case "$ref" in
                refs/tags/$pattern) echo "GitLab: You are not allowed to create this tag as it is protected." >&2; exit 1 ;;
              esac
            done < "$repo/protected-tags"
          fi
        done
        exit 0

        """;
}
