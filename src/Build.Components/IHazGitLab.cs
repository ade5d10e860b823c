using Nuke.Components;
using Nuke.Common;
using Nuke.Common.CI.GitLab;

namespace GitLabRelease.Components;

/// <summary>GitLab's predefined variables of the running pipeline (all null outside GitLab).</summary>
public interface IHazGitLab : INukeBuild
{
    GitLabVariables GitLab => GitLabVariables.From(EnvironmentVariable);
}
