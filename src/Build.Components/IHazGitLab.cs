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
}
