using GitLabRelease.Git;
using Nuke.Common;
using Nuke.Common.CI.GitLab;

namespace GitLabRelease.Components;

/// <summary>
/// The CI job token over HTTPS (GitLab 18.4+): to <c>$CI_SERVER_URL/$CI_PROJECT_PATH.git</c> and nowhere else, so no
/// parameter or variable of the build can send the token to another server.
/// </summary>
public sealed class JobTokenPushCredential(GitLabVariables gitLab) : IPushCredential
{
    public const string CheckName = "Job token may push the tag";

    public PushMode Mode => PushMode.JobToken;
    public bool UsesDeployKey => false;

    public Task<IPushTransport> CreateTransportAsync(CancellationToken cancellationToken)
    {
        if (gitLab.JobToken is null)
            throw new BuildException(
                "Push with the job token: CI_JOB_TOKEN is not set, so there is nothing to push with.",
                "Run the release in a GitLab pipeline (GitLab sets CI_JOB_TOKEN in every job; a CI/CD variable of that name hides it), "
                + "or set up a deploy key: ./build.sh CreateDeployKey --kms-key-id <key> (docs/aws-setup.md).");
        var url = GitLabHttpRepositoryUrl.Build(gitLab.ServerUrl, gitLab.ProjectPath);
        return Task.FromResult<IPushTransport>(new JobTokenTransport(url, gitLab.JobToken) { TriggeringUser = gitLab.UserLogin ?? gitLab.UserName });
    }
}
