namespace GitLabRelease.Components;

/// <summary>Which strategy <see cref="PushMode.Auto"/> means in this run, and why (for the log and for Preflight).</summary>
public sealed record PushModeSelection(PushMode Mode, string Reason)
{
    public static PushModeSelection Resolve(PushMode requested, bool deployKeyFileExists, bool inGitLabPipeline) => requested switch
    {
        PushMode.DeployKey => new(PushMode.DeployKey, "PushWith=deploy-key"),
        PushMode.JobToken => new(PushMode.JobToken, "PushWith=job-token"),
        _ when deployKeyFileExists => new(PushMode.DeployKey, "PushWith=auto and the repository has the encrypted deploy key"),
        _ when inGitLabPipeline => new(PushMode.JobToken, "PushWith=auto, no encrypted deploy key, in a GitLab pipeline"),
        // A laptop without a key has nothing to push with; Push says so (no release setup) instead of failing.
        _ => new(PushMode.DeployKey, "PushWith=auto, no encrypted deploy key, not in a GitLab pipeline"),
    };

    /// <summary>True when the deploy key (and so KMS and the job's ID token) may be needed: what the generated release job asks id_tokens for.</summary>
    public static bool DeployKeyPossible(PushMode requested, bool deployKeyFileExists) =>
        requested == PushMode.DeployKey || (requested == PushMode.Auto && deployKeyFileExists);

    public string Name => Mode == PushMode.JobToken ? "the CI job token" : "the deploy key";
}
