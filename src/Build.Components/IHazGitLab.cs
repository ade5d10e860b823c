using Nuke.Components;
using Nuke.Common;
using Nuke.Common.CI.GitLab;

namespace GitLabRelease.Components;

/// <summary>GitLab's predefined variables of the running pipeline (all null outside GitLab).</summary>
public interface IHazGitLab : INukeBuild
{
    GitLabVariables GitLab => GitLabVariables.From(EnvironmentVariable);

    /// <summary>The release job's ID token as [GitLabCI] declares it (variable name and audience): what the runtime reads and onboarding trusts.</summary>
    GitLabIdToken GitLabIdToken => GitLabIdToken.Of(GetType());

    string NotADefaultBranchPipeline => $"not a default-branch push pipeline (branch {GitLab.CommitRefName ?? "?"}, "
        + $"default {GitLab.DefaultBranch ?? "?"}, source {GitLab.PipelineSource ?? "?"})";

    /// <summary>Why this job cannot call its project's API with the job token (naming what <paramref name="consequence"/>), or null when it can.</summary>
    string? MissingApiReasonFor(string consequence)
    {
        var missing = GitLab.MissingApiVariables;
        return missing.Count == 0 ? null
            : $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set, so {consequence}: "
              + "GitLab sets them in every job; a variable that overrides them with an empty value hides them";
    }
}
