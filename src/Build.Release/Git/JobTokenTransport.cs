using Nuke.Common.Tooling;

namespace GitLabRelease.Git;

/// <summary>
/// The job-token transport (GitLab 18.4+): pushes over HTTPS to <see cref="RepositoryUrl"/> as <c>gitlab-ci-token</c>
/// with the job's token. The token reaches git only through its configuration environment
/// (<c>GIT_CONFIG_COUNT</c>/<c>KEY</c>/<c>VALUE</c>: an <c>http.&lt;url&gt;.extraHeader</c> scoped to this repository), never in
/// a URL or an argument; no credential helper, askpass or global/system configuration takes part.
/// </summary>
/// <param name="RepositoryUrl">https://HOST/GROUP/PROJECT.git (see <see cref="GitLabHttpRepositoryUrl"/>).</param>
/// <param name="JobToken">The running job's token.</param>
public sealed record JobTokenTransport(Uri RepositoryUrl, string JobToken) : IPushTransport
{
    /// <summary>Who triggered the pipeline (the token carries that user's rights), for messages; null when unknown.</summary>
    public string? TriggeringUser { get; init; }

    public Task<IPushConnection> ConnectAsync(ToolRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var url = GitLabHttpRepositoryUrl.Validate(RepositoryUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(JobToken);
        // The header and its base64 part are the token in other clothes: masked before git could print them.
        var secrets = runner.Children.Secrets;
        secrets.Add(JobToken);
        secrets.Add(JobTokenCredential.BasicValue(JobToken));
        secrets.Add(JobTokenCredential.AuthorizationHeader(JobToken));
        return Task.FromResult<IPushConnection>(new JobTokenConnection(url, JobTokenGitEnvironment.For(url, JobToken), TriggeringUser));
    }

    // The token is no part of what a record prints.
    public override string ToString() => $"JobTokenTransport {{ RepositoryUrl = {RepositoryUrl}, TriggeringUser = {TriggeringUser} }}";
}

internal sealed class JobTokenConnection(Uri url, IReadOnlyDictionary<string, string?> environment, string? triggeringUser) : IPushConnection
{
    public string RemoteUrl { get; } = url.AbsoluteUri;
    public string Description => $"{url.GetLeftPart(UriPartial.Authority)} as {JobTokenCredential.User} (job token)";
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    public PushFailure Classify(string output, string tagName) => JobTokenFailureClassifier.Classify(output, url, tagName, triggeringUser);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
