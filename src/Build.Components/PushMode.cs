namespace GitLabRelease.Components;

/// <summary>PushWith: how Push authenticates to GitLab (<c>auto</c>, <c>deploy-key</c>, <c>job-token</c>).</summary>
public enum PushMode
{
    /// <summary>The deploy key when the repository has one (.nuke/deploy-key.enc), else the job token in a GitLab pipeline.</summary>
    Auto,

    /// <summary>The KMS-encrypted deploy key over SSH; works on any GitLab version and may be allowed to create protected tags.</summary>
    DeployKey,

    /// <summary>The CI job token over HTTPS (GitLab 18.4+, "Allow Git push requests to the repository" on); no key material.</summary>
    JobToken,
}
