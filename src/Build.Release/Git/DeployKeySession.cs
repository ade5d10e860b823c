using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.DeployKeys;
using GitLabRelease.Ssh;

namespace GitLabRelease.Git;

/// <summary>Everything one remote operation with the deploy key needs: endpoint, fingerprint, pinned host keys, git environment.</summary>
internal sealed class DeployKeySession : IDisposable
{
    private DeployKeySession(SshEndpoint endpoint, string fingerprint, PinnedKnownHosts knownHosts, IReadOnlyDictionary<string, string?> environment)
    {
        Endpoint = endpoint;
        Fingerprint = fingerprint;
        KnownHosts = knownHosts;
        Environment = environment;
    }

    public SshEndpoint Endpoint { get; }
    public string Fingerprint { get; }
    public PinnedKnownHosts KnownHosts { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public static async Task<DeployKeySession> OpenAsync(
        ToolRunner runner, string pushUrl, string privateKeyFile, string? sshKnownHosts,
        string? keyFingerprint, string? expectedFingerprint, int connectTimeoutSeconds, CancellationToken cancellationToken)
    {
        var endpoint = SshEndpoint.Parse(pushUrl);
        if (!File.Exists(privateKeyFile))
            throw new BuildException($"The deploy key file {privateKeyFile} does not exist.", "Run DecryptDeployKey before Push (Push depends on it).");
        var fingerprint = string.IsNullOrWhiteSpace(keyFingerprint)
            ? await new SshKeyTool(runner).FingerprintAsync(privateKeyFile, cancellationToken)
            : keyFingerprint.Trim();
        if (!string.IsNullOrWhiteSpace(expectedFingerprint) && !SshKeyTool.SameFingerprint(expectedFingerprint, fingerprint))
            throw new BuildException(
                $"The deploy key has fingerprint {fingerprint}, but DEPLOY_KEY_FINGERPRINT expects {expectedFingerprint.Trim()}; nothing is pushed.",
                "Set DEPLOY_KEY_FINGERPRINT to the fingerprint GitLab shows under Settings > Repository > Deploy keys for this project's key, or re-encrypt the right key (CreateDeployKey).");
        var knownHosts = await PinnedKnownHosts.ResolveAsync(sshKnownHosts, endpoint, runner, cancellationToken);
        var environment = GitSshCommand.Environment(privateKeyFile, knownHosts.Path, connectTimeoutSeconds);
        return new DeployKeySession(endpoint, fingerprint, knownHosts, environment);
    }

    public void Dispose() => KnownHosts.Dispose();
}
