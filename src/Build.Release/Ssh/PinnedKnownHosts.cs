using Nuke.Common;
using Nuke.Common.Tooling;

namespace GitLabRelease.Ssh;

/// <summary>
/// The known_hosts file ssh must check the server against. SshKnownHosts holds either the content (a GitLab
/// "Variable") or a path to a file (a GitLab "File" variable); content is written into the run's private directory
/// (outside the work tree, swept if the run is killed), deleted on dispose. Resolution fails closed: no pinned key
/// for the host, no push.
/// </summary>
public sealed class PinnedKnownHosts : IDisposable
{
    private readonly string? _temporaryDirectory;

    private PinnedKnownHosts(string path, string? temporaryDirectory)
    {
        Path = path;
        _temporaryDirectory = temporaryDirectory;
    }

    public string Path { get; }

    /// <summary>"type base64" of each key pinned for the endpoint (what <c>ssh-keygen -F</c> found); never empty once resolved.</summary>
    internal IReadOnlyList<string> Keys { get; private set; } = [];

    public static async Task<PinnedKnownHosts> ResolveAsync(
        string? sshKnownHosts, SshEndpoint endpoint, ToolRunner runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(runner);
        if (string.IsNullOrWhiteSpace(sshKnownHosts))
            throw new BuildException($"No SSH host keys are pinned for {endpoint.KnownHostsName}: SshKnownHosts ({Spelling.Variable("SshKnownHosts")}) is empty, so nothing is pushed.", KeyscanFix(endpoint));

        var value = sshKnownHosts.Trim();
        PinnedKnownHosts pinned;
        if (!value.Contains('\n') && File.Exists(value))
            pinned = new PinnedKnownHosts(System.IO.Path.GetFullPath(value), null);
        else if (!value.Contains('\n') && !value.Contains(' ') && (value.StartsWith('/') || value.StartsWith('.') || value.StartsWith('~')))
            throw new BuildException($"SshKnownHosts ({Spelling.Variable("SshKnownHosts")}) names the file '{value}', which does not exist.",
                $"Point {Spelling.Variable("SshKnownHosts")} at an existing known_hosts file, or put the known_hosts lines themselves in the variable.");
        else
            pinned = WriteTemporary(value, runner.Children.Scratch.CreateDirectory("known-hosts"));

        try
        {
            var lookup = await runner.RunAsync(new ToolInvocation("ssh-keygen", ["-F", endpoint.KnownHostsName, "-f", pinned.Path])
            {
                LogOutput = false,
                AllowFailure = true,
            }, cancellationToken);
            pinned.Keys = lookup.Succeeded ? PinnedKeys(lookup.StandardOutput).ToList() : [];
            if (pinned.Keys.Count == 0)
                throw new BuildException($"SshKnownHosts ({Spelling.Variable("SshKnownHosts")}) has no host key for {endpoint.KnownHostsName}, so nothing is pushed.", KeyscanFix(endpoint));
            return pinned;
        }
        catch
        {
            pinned.Dispose();
            throw;
        }
    }

    /// <summary>"type base64" of each key line in known_hosts text (markers, host patterns and comments dropped).</summary>
    public static IEnumerable<string> PinnedKeys(string knownHostsText)
    {
        foreach (var raw in knownHostsText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.StartsWith('#')) continue;
            var fields = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var start = fields.Length > 0 && fields[0].StartsWith('@') ? 1 : 0;
            if (fields.Length >= start + 3) yield return fields[start + 1] + " " + fields[start + 2];
        }
    }

    public static string KeyscanFix(SshEndpoint endpoint) =>
        $"From a trusted network run `{endpoint.KeyscanCommand}`, compare the fingerprints (ssh-keygen -lf) with the ones "
        + "your GitLab instance publishes (Help > SSH host keys fingerprints), and store the lines in the CI/CD variable "
        + $"{Spelling.Variable("SshKnownHosts")} (Settings > CI/CD > Variables, type Variable or File), or pass {Spelling.Option("SshKnownHosts")}.";

    private static PinnedKnownHosts WriteTemporary(string content, string directory)
    {
        var path = System.IO.Path.Combine(directory, "known_hosts");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, options)))
            writer.Write(content.Replace("\r\n", "\n") + "\n");
        return new PinnedKnownHosts(path, directory);
    }

    public void Dispose()
    {
        if (_temporaryDirectory is null) return;
        try { Directory.Delete(_temporaryDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
