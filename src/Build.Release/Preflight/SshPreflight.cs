using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using GitLabRelease.Ssh;
using Serilog;

namespace GitLabRelease.Preflight;

/// <summary>
/// Read-only checks of the SSH side of a release setup: the pinned host keys match the server, and the deploy
/// key may push the tag (<c>git push --dry-run</c>). Nothing is created, changed or pushed.
/// </summary>
public sealed class SshPreflight(ToolRunner runner, ILogger logger)
{
    public const string HostKeysCheck = "SSH host keys pinned and match the server";
    public const string PushAccessCheck = "Deploy key may push the tag";

    public async Task<PreflightCheck> CheckHostKeysAsync(string pushUrl, string? sshKnownHosts, int timeoutSeconds = 10, CancellationToken cancellationToken = default)
    {
        SshEndpoint endpoint;
        PinnedKnownHosts pinned;
        try
        {
            endpoint = SshEndpoint.Parse(pushUrl);
            pinned = await PinnedKnownHosts.ResolveAsync(sshKnownHosts, endpoint, runner, cancellationToken);
        }
        catch (BuildException e)
        {
            return PreflightCheck.Fail(HostKeysCheck, e.Message, e.Fix);
        }

        using (pinned)
        {
            var pinnedKeys = pinned.Keys.ToHashSet(StringComparer.Ordinal);

            var scan = await runner.RunAsync(new ToolInvocation("ssh-keyscan", ["-T", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), endpoint.Host])
            {
                LogOutput = false,
                AllowFailure = true,
                Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" },
                Timeout = TimeSpan.FromSeconds(timeoutSeconds * 3 + 5),
            }, cancellationToken);
            var served = PinnedKnownHosts.PinnedKeys(scan.StandardOutput).ToList();
            if (served.Count == 0)
                return PreflightCheck.Fail(HostKeysCheck,
                    $"{pinnedKeys.Count} key(s) pinned for {endpoint.KnownHostsName}, but the server did not answer ssh-keyscan: {ToolRunner.Tail(scan.StandardError, 2)}",
                    $"Check that host {endpoint.Host} port {endpoint.Port} is reachable from here ({CiVariables.ServerShellSshHost} / {CiVariables.ServerShellSshPort} or PushUrl).");

            var matching = served.Where(pinnedKeys.Contains).Select(KeyType).ToList();
            var servedTypes = string.Join(", ", served.Select(KeyType).Distinct());
            logger.Debug("Host keys served by {Endpoint}: {Types}; matching pinned: {Matching}", endpoint.KnownHostsName, servedTypes, string.Join(", ", matching));
            if (matching.Count == 0)
                return PreflightCheck.Fail(HostKeysCheck,
                    $"None of the host keys {endpoint.KnownHostsName} serves ({servedTypes}) is pinned in {Spelling.Variable("SshKnownHosts")} ({pinnedKeys.Count} key(s) pinned for that host).",
                    "If the server's keys changed on purpose, " + PinnedKnownHosts.KeyscanFix(endpoint) + " Otherwise treat it as a possible man-in-the-middle.");
            return PreflightCheck.Pass(HostKeysCheck, $"{endpoint.KnownHostsName} serves pinned key(s): {string.Join(", ", matching.Distinct())}.");
        }
    }

    /// <summary>
    /// Dry-run push of <paramref name="commit"/> (HEAD when null) as <c>refs/tags/TAG</c>. GitLab checks write
    /// access before receive-pack starts, so a read-only or unknown key fails here; protected-tag rules run
    /// only on a real push and are not covered.
    /// </summary>
    public async Task<PreflightCheck> CheckKeyMayPushAsync(
        string repositoryDirectory, string tagName, string pushUrl, SshDeployKey key, string? sshKnownHosts,
        string? commit = null, CancellationToken cancellationToken = default)
    {
        var git = new GitCli(runner, repositoryDirectory);
        DeployKeySession session;
        try
        {
            session = await DeployKeySession.OpenAsync(runner, new DeployKeyTransport(pushUrl, key, sshKnownHosts), cancellationToken);
        }
        catch (BuildException e)
        {
            return PreflightCheck.Fail(PushAccessCheck, e.Message, e.Fix);
        }

        await using (session)
        {
            var revision = string.IsNullOrWhiteSpace(commit) ? "HEAD" : commit.Trim();
            var sha = await git.ResolveCommitAsync(revision, cancellationToken);
            if (sha is null)
                return PreflightCheck.Fail(PushAccessCheck, $"Commit '{revision}' is not in {repositoryDirectory}.", "Run Preflight in a clone that has the commit.");

            var result = await git.RunAsync(["push", "--dry-run", "--no-verify", "--porcelain", "--end-of-options", pushUrl, $"{sha}:refs/tags/{tagName}"],
                cancellationToken, session.Environment, logOutput: true, timeout: TimeSpan.FromMinutes(2));
            if (result.Succeeded)
                return PreflightCheck.Pass(PushAccessCheck,
                    $"Key {session.Fingerprint} may push to {session.Endpoint}/{session.Endpoint.RepositoryPath} (dry run; protected-tag rules are applied only to a real push).");

            var failure = PushFailureClassifier.Classify(result.StandardError + "\n" + result.StandardOutput, session.Endpoint, pushUrl, tagName, session.Fingerprint);
            if (failure.Kind == PushFailureKind.TagRejected)
            {
                var lookup = await git.LookupRemoteTagAsync(pushUrl, tagName, session.Environment, TimeSpan.FromMinutes(1), cancellationToken);
                if (lookup.Succeeded && lookup.Commit == sha)
                    return PreflightCheck.Pass(PushAccessCheck, $"Tag {tagName} is already on the remote at {sha}; the key reached the repository.");
                if (lookup.Succeeded && lookup.Commit is { } other)
                {
                    var conflict = TagConflict.Create(tagName, "on the remote", other, sha);
                    return PreflightCheck.Fail(PushAccessCheck, conflict.Message, conflict.Fix);
                }
            }
            return PreflightCheck.Fail(PushAccessCheck, failure.Cause, failure.Fix);
        }
    }

    private static string KeyType(string typeAndKey) => typeAndKey.Split(' ')[0];
}
