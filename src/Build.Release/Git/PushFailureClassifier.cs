using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Ssh;

namespace GitLabRelease.Git;

/// <summary>
/// Turns git/ssh stderr (run with LC_ALL=C) into a cause and a fix. The order matters: ssh's host key errors and
/// GitLab's own messages are more specific than the generic "Could not read from remote repository" git adds.
/// </summary>
public static class PushFailureClassifier
{
    private const string DeployKeysFix = "GitLab > Settings > Repository > Deploy keys: add the deploy key's public key and enable \"Grant write permissions to this key\"";

    public static PushFailure Classify(string standardError, SshEndpoint endpoint, string pushUrl, string tagName, string? keyFingerprint)
    {
        var err = standardError ?? string.Empty;
        var fingerprint = string.IsNullOrEmpty(keyFingerprint) ? "of the deploy key" : "with fingerprint " + keyFingerprint;
        var tail = ToolRunner.Tail(err, 6).Replace(Environment.NewLine, " | ");

        bool Has(string text) => err.Contains(text, StringComparison.OrdinalIgnoreCase);

        if (Has("REMOTE HOST IDENTIFICATION HAS CHANGED"))
            return new(PushFailureKind.HostKeyChanged,
                $"The SSH host key of {endpoint.KnownHostsName} does not match the key pinned in {Spelling.Variable("SshKnownHosts")} (REMOTE HOST IDENTIFICATION HAS CHANGED). Nothing was pushed.",
                "If your GitLab's host keys were changed on purpose, " + PinnedKnownHosts.KeyscanFix(endpoint)
                + " Otherwise someone may be intercepting the connection: do not change the variable, tell your GitLab admin.",
                false);

        if (Has("Host key verification failed") || Has("host key is known for") || (Has("Host key for") && Has("has changed")))
            return new(PushFailureKind.HostKeyUnknown,
                $"The SSH host key of {endpoint.KnownHostsName} is not among the keys pinned in {Spelling.Variable("SshKnownHosts")} (Host key verification failed). Nothing was pushed.",
                PinnedKnownHosts.KeyscanFix(endpoint), false);

        if (Has("UNPROTECTED PRIVATE KEY FILE") || Has("bad permissions") || (Has("Load key") && Has("invalid format")))
            return new(PushFailureKind.KeyFileRejected,
                $"ssh refused the deploy key file: {tail}",
                "The decrypted key file must be an OpenSSH private key readable only by its owner (0600); rerun DecryptDeployKey, or recreate the key with CreateDeployKey.",
                false);

        if (Has("deploy key does not have write access") || Has("not allowed to push code to this project"))
            return new(PushFailureKind.ReadOnlyKey,
                $"GitLab accepted the deploy key {fingerprint} but it may not push to {endpoint.RepositoryPath}: {tail}",
                DeployKeysFix + $" (fingerprint {keyFingerprint ?? "shown by CreateDeployKey"}). The key must be enabled for this project.",
                false);

        if (Has("not allowed to create this tag as it is protected") || Has("pre-receive hook declined"))
            return new(PushFailureKind.ProtectedTag,
                $"GitLab refused to create tag {tagName}: {tail}",
                "GitLab > Settings > Repository > Protected tags: for the pattern that matches the tag (e.g. v*), add the deploy key to \"Allowed to create\" "
                + "(or allow Maintainers and make the key's user a maintainer); also check push rules under Settings > Repository > Push rules.",
                false);

        if (Has("Permission denied (publickey"))
            return new(PushFailureKind.AuthenticationFailed,
                $"GitLab rejected the deploy key (Permission denied (publickey)) for {endpoint.User ?? "git"}@{endpoint}.",
                DeployKeysFix + $" for the key {fingerprint}, or check {Spelling.Variable("DeployKeyFingerprint")} and that the user in PushUrl is 'git'.",
                false);

        if (Has("does not appear to be a git repository") || Has("project you were looking for could not be found") || Has("repository not found"))
            return new(PushFailureKind.RepositoryNotFound,
                $"The repository '{endpoint.RepositoryPath}' was not found on {endpoint} (or the deploy key is not enabled for it).",
                $"Check {CiVariables.ProjectPath} and PushUrl (now {pushUrl}): the path must be GROUP/PROJECT.git, and the deploy key must be enabled for that project under Settings > Repository > Deploy keys.",
                false);

        if (Has("Could not resolve hostname"))
            return Has("Temporary failure in name resolution")
                ? new(PushFailureKind.NameResolutionTemporary, $"The host name {endpoint.Host} could not be resolved right now (temporary DNS failure).",
                    "Retry the job; if it persists, check the runner's DNS.", true)
                : new(PushFailureKind.HostNotFound, $"The host name {endpoint.Host} does not resolve.",
                    $"Check {CiVariables.ServerShellSshHost} and PushUrl (now {pushUrl}).", false);

        if (Has("Connection refused"))
            return new(PushFailureKind.ConnectionRefused,
                $"Could not connect to {endpoint} (connection refused).",
                $"Check that GitLab's SSH server listens on host {endpoint.Host} port {endpoint.Port}: {CiVariables.ServerShellSshHost} / {CiVariables.ServerShellSshPort}, or PushUrl (now {pushUrl}). A firewall between the runner and GitLab may also refuse it.",
                true);

        if (Has("timed out"))
            return new(PushFailureKind.ConnectionTimedOut,
                $"The connection to {endpoint} timed out.",
                $"Check that the runner can reach host {endpoint.Host} port {endpoint.Port} (firewall, proxy), and {CiVariables.ServerShellSshHost} / {CiVariables.ServerShellSshPort} or PushUrl (now {pushUrl}).",
                true);

        if (Has("Connection reset") || Has("Connection closed by") || Has("kex_exchange_identification") || Has("Broken pipe")
            || Has("No route to host") || Has("Network is unreachable") || Has("early EOF") || Has("unexpected disconnect"))
            return new(PushFailureKind.ConnectionLost,
                $"The connection to {endpoint} was lost: {tail}",
                $"Retry the job; if it persists, check the network between the runner and {endpoint.Host} port {endpoint.Port}.",
                true);

        if (Has("does not support push options"))
            return new(PushFailureKind.Unknown,
                $"The server at {endpoint} does not accept push options, so the tag cannot be pushed with -o ci.skip.",
                "GitLab accepts push options; if PushUrl points at another git server, set receive.advertisePushOptions=true on its repository, or correct PushUrl (now " + pushUrl + ").",
                false);

        if (Has("already exists") || Has("failed to update ref") || Has("[rejected]") || Has("[remote rejected]") || Has("cannot lock ref"))
            return new(PushFailureKind.TagRejected,
                $"The remote refused tag {tagName}: {tail}",
                "See the remote's message above; if the tag exists on another commit, bump the version with a '+semver: patch' commit or delete the tag.",
                false);

        return new(PushFailureKind.Unknown, $"git push to {endpoint} failed: {tail}",
            "Read git's message above; run Preflight to check the release setup.", false);
    }
}
