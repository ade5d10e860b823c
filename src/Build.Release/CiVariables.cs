using Nuke.Common;

namespace GitLabRelease;

/// <summary>
/// The pipeline facts the release libraries' messages name. The libraries take these facts as plain values and do
/// not know GitLab's variable names: each is named by the GitLab host's property (Nuke's <c>GitLab.Instance.X</c>)
/// and spelled by that host when the message is written (<c>CI_PROJECT_PATH</c> for <see cref="ProjectPath"/>).
/// </summary>
internal static class CiVariables
{
    public static string ApiUrl => Spelling.CiVariable(nameof(ApiUrl));
    public static string CommitBranch => Spelling.CiVariable(nameof(CommitBranch));
    public static string CommitRefName => Spelling.CiVariable(nameof(CommitRefName));
    public static string CommitSha => Spelling.CiVariable(nameof(CommitSha));
    public static string JobToken => Spelling.CiVariable(nameof(JobToken));
    public static string ProjectId => Spelling.CiVariable(nameof(ProjectId));
    public static string ProjectPath => Spelling.CiVariable(nameof(ProjectPath));
    public static string ServerShellSshHost => Spelling.CiVariable(nameof(ServerShellSshHost));
    public static string ServerShellSshPort => Spelling.CiVariable(nameof(ServerShellSshPort));
    public static string ServerUrl => Spelling.CiVariable(nameof(ServerUrl));
}
