using Build.Engine;
using Build.GitLab;

namespace Build.Components;

/// <summary>GitLab's predefined variables of the running pipeline (all null outside GitLab).</summary>
public interface IHazGitLab : INukeBuild
{
    GitLabVariables GitLab => GitLabVariables.From(EnvironmentVariable);
}
