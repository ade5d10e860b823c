using Nuke.Common.Tooling;
using GitLabRelease.DeployKeys;

namespace GitLabRelease.Ssh;

/// <summary>Kept for callers of the Ssh namespace; <see cref="SshKeyTool"/> is the one ssh-keygen wrapper.</summary>
public static class SshKeyFingerprint
{
    /// <summary>The SHA256 fingerprint (SHA256:...) of a key file, as GitLab shows it under Deploy keys.</summary>
    public static Task<string> OfFileAsync(string keyFile, ToolRunner runner, CancellationToken cancellationToken = default) =>
        new SshKeyTool(runner).FingerprintAsync(keyFile, cancellationToken);
}
