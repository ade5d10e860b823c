using Nuke.Common.Tooling;

namespace GitLabRelease.Git;

/// <summary>
/// Turns git's stderr of a job-token push over HTTPS (run with LC_ALL=C) into a cause and a fix. GitLab answers a
/// bad token with 401 "HTTP Basic: Access denied", a push the project does not allow with 403 "You are not allowed to
/// push code to this project.", and a protected tag from its pre-receive check.
/// </summary>
public static class JobTokenFailureClassifier
{
    public const string PushSetting = "Settings > CI/CD > Job token permissions > \"Allow Git push requests to the repository\"";

    public static PushFailure Classify(string standardError, Uri repositoryUrl, string tagName, string? triggeringUser)
    {
        var err = standardError ?? string.Empty;
        var tail = ToolRunner.Tail(err, 6).Replace(Environment.NewLine, " | ");
        var server = repositoryUrl.GetLeftPart(UriPartial.Authority);
        var project = repositoryUrl.AbsolutePath.Trim('/');
        var who = string.IsNullOrWhiteSpace(triggeringUser) ? "the triggering user" : triggeringUser;
        var user = string.IsNullOrWhiteSpace(triggeringUser) ? "the user who triggered the pipeline" : $"{triggeringUser} (who triggered the pipeline)";

        bool Has(string text) => err.Contains(text, StringComparison.OrdinalIgnoreCase);

        if (Has("not allowed to create this tag as it is protected") || Has("pre-receive hook declined"))
            return new(PushFailureKind.ProtectedTag,
                $"GitLab refused to create tag {tagName}: it is protected, and a job-token push acts with the role of {user}, which may not create it ({tail}).",
                $"Settings > Repository > Protected tags: for the pattern that matches {tagName} (e.g. v*), add the role {who} has in this project (e.g. Maintainers) "
                + $"to \"Allowed to create\", or give {who} that role; or push with a deploy key that may create protected tags (PushWith=deploy-key).",
                false);

        if (Has("You are not allowed to push code") || Has("returned error: 403") || Has("not allowed to upload code"))
            return new(PushFailureKind.JobTokenPushNotAllowed,
                $"GitLab refused the job-token push to {project} (HTTP 403: {tail}). Nothing was pushed.",
                $"A Maintainer enables {PushSetting} for this project (GitLab 18.4 or later; off by default), "
                + "and the user who triggers release pipelines needs at least the Developer role; or push with the deploy key (PushWith=deploy-key).",
                false);

        if (Has("HTTP Basic: Access denied") || Has("returned error: 401") || Has("Authentication failed") || Has("could not read Username") || Has("could not read Password"))
            return new(PushFailureKind.AuthenticationFailed,
                $"GitLab did not accept the job token for {server} (HTTP 401): it is invalid or expired. Nothing was pushed.",
                "The job token is valid only while its own job runs: push from the release job itself, and make sure no CI/CD variable named CI_JOB_TOKEN "
                + "overrides GitLab's; then retry the job.",
                false);

        if (Has("returned error: 404") || Has("not found") || Has("could not be found"))
            return new(PushFailureKind.RepositoryNotFound,
                $"The repository {project} was not found on {server}.",
                "GitLab sets CI_SERVER_URL and CI_PROJECT_PATH; check that neither is overridden by a CI/CD variable.",
                false);

        if (Has("is not allowed") && (Has("transport") || Has("protocol")))
            return new(PushFailureKind.TransportRefused,
                $"git refused the transport for the push to {server}: {tail}",
                "The repository's git configuration rewrites the URL (url.*.insteadOf / pushInsteadOf): remove that rewrite; the job token is sent only to the project's own URL.",
                false);

        if (Has("SSL certificate problem") || Has("certificate verify failed") || Has("SSL: no alternative certificate"))
            return new(PushFailureKind.TransportRefused,
                $"The TLS certificate of {server} was not accepted: {tail}",
                "The runner must trust GitLab's certificate (install its CA in the runner's system store); certificate checks are never switched off for the job token.",
                false);

        if (Has("Could not resolve host"))
            return Has("Temporary failure")
                ? new(PushFailureKind.NameResolutionTemporary, $"The host of {server} could not be resolved right now (temporary DNS failure).", "Retry the job; if it persists, check the runner's DNS.", true)
                : new(PushFailureKind.HostNotFound, $"The host of {server} does not resolve.", "GitLab sets CI_SERVER_URL; check the runner's DNS.", false);

        if (Has("Connection refused") || Has("Failed to connect"))
            return new(PushFailureKind.ConnectionRefused, $"Could not connect to {server} (connection refused).",
                $"Check that the runner can reach {server} (firewall, proxy).", true);

        if (Has("timed out"))
            return new(PushFailureKind.ConnectionTimedOut, $"The connection to {server} timed out.", $"Check that the runner can reach {server} (firewall, proxy).", true);

        if (Has("returned error: 5") || Has("Connection reset") || Has("early EOF") || Has("unexpected disconnect") || Has("Empty reply from server") || Has("HTTP/2 stream"))
            return new(PushFailureKind.ConnectionLost, $"The push to {server} was interrupted: {tail}", "Retry the job; if it persists, check GitLab's status.", true);

        if (Has("does not support push options"))
            return new(PushFailureKind.Unknown,
                $"The server at {server} does not accept push options, so the tag cannot be pushed with -o ci.skip.",
                "GitLab accepts push options; check that CI_SERVER_URL points at GitLab.", false);

        if (Has("already exists") || Has("failed to update ref") || Has("[rejected]") || Has("[remote rejected]") || Has("cannot lock ref"))
            return new(PushFailureKind.TagRejected,
                $"The remote refused tag {tagName}: {tail}",
                "See the remote's message above; if the tag exists on another commit, bump the version with a '+semver: patch' commit or delete the tag.",
                false);

        return new(PushFailureKind.Unknown, $"git push to {server} failed: {tail}", "Read git's message above; run Preflight to check the release setup.", false);
    }
}
