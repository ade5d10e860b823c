using System.Runtime.CompilerServices;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// Nuke's <c>GitLab.Instance</c>: GitLab's predefined variables of the running job under Nuke's property names, read
/// from the build's environment (https://docs.gitlab.com/ci/variables/predefined_variables/). Null outside GitLab.
/// </summary>
public sealed partial class GitLab
{
    public static GitLab? Instance => Current<GitLab>();

    public bool Ci => Flag();
    public string? CommitRefName => Text();
    public string? CommitRefSlug => Text();
    public string? CommitSha => Text();
    public string? CommitShortSha => Text();
    public string? CommitBeforeSha => Text();
    public string? CommitBranch => Text();
    public string? CommitTag => Text();
    public string? CommitMessage => Text();
    public string? CommitTitle => Text();
    public string? CommitDescription => Text();
    public string? ConfigPath => Text();
    public string? DefaultBranch => Text();
    public bool DebugTrace => Flag();
    public long JobId => Number();
    public string? JobName => Text();
    public string? JobStage => Text();
    public string? JobUrl => Text();
    public string? JobToken => Text();
    public long PipelineId => Number();
    public long PipelineIid => Number();
    public string? PipelineSource => Text();
    public string? PipelineUrl => Text();
    public long ProjectId => Number();
    public string? ProjectName => Text();
    public string? ProjectNamespace => Text();
    public string? ProjectPath => Text();
    public string? ProjectPathSlug => Text();
    public string? ProjectUrl => Text();
    public string? ProjectDirectory => Text();
    public string? ProjectVisibility => Text();
    public string? RepositoryUrl => Text();
    public long RunnerId => Number();
    public string? RunnerDescription => Text();
    public string? RunnerTags => Text();
    public string? ServerHost => Text();
    public string? ServerUrl => Text();
    public string? ServerVersion => Text();
    public string? ServerShellSshHost => Text();
    public long ServerShellSshPort => Number();
    public string? ApiUrl => Text();
    public long UserId => Number();
    public string? UserEmail => Text();
    public string? UserLogin => Text();
    public string? UserName => Text();
    public string? MergeRequestIid => Text();
    public string? MergeRequestSourceBranchName => Text();
    public string? MergeRequestTargetBranchName => Text();

    /// <summary>
    /// Each property's variable: the one list of GitLab's names, which the properties read and
    /// <see cref="VariableName"/> spells for messages the release libraries mark with <c>Spelling.CiVariable</c>.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> PredefinedVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(Ci)] = "CI",
        [nameof(CommitRefName)] = "CI_COMMIT_REF_NAME",
        [nameof(CommitRefSlug)] = "CI_COMMIT_REF_SLUG",
        [nameof(CommitSha)] = "CI_COMMIT_SHA",
        [nameof(CommitShortSha)] = "CI_COMMIT_SHORT_SHA",
        [nameof(CommitBeforeSha)] = "CI_COMMIT_BEFORE_SHA",
        [nameof(CommitBranch)] = "CI_COMMIT_BRANCH",
        [nameof(CommitTag)] = "CI_COMMIT_TAG",
        [nameof(CommitMessage)] = "CI_COMMIT_MESSAGE",
        [nameof(CommitTitle)] = "CI_COMMIT_TITLE",
        [nameof(CommitDescription)] = "CI_COMMIT_DESCRIPTION",
        [nameof(ConfigPath)] = "CI_CONFIG_PATH",
        [nameof(DefaultBranch)] = "CI_DEFAULT_BRANCH",
        [nameof(DebugTrace)] = "CI_DEBUG_TRACE",
        [nameof(JobId)] = "CI_JOB_ID",
        [nameof(JobName)] = "CI_JOB_NAME",
        [nameof(JobStage)] = "CI_JOB_STAGE",
        [nameof(JobUrl)] = "CI_JOB_URL",
        [nameof(JobToken)] = GitLabVariables.JobTokenVariable,
        [nameof(PipelineId)] = "CI_PIPELINE_ID",
        [nameof(PipelineIid)] = "CI_PIPELINE_IID",
        [nameof(PipelineSource)] = "CI_PIPELINE_SOURCE",
        [nameof(PipelineUrl)] = "CI_PIPELINE_URL",
        [nameof(ProjectId)] = "CI_PROJECT_ID",
        [nameof(ProjectName)] = "CI_PROJECT_NAME",
        [nameof(ProjectNamespace)] = "CI_PROJECT_NAMESPACE",
        [nameof(ProjectPath)] = "CI_PROJECT_PATH",
        [nameof(ProjectPathSlug)] = "CI_PROJECT_PATH_SLUG",
        [nameof(ProjectUrl)] = "CI_PROJECT_URL",
        [nameof(ProjectDirectory)] = "CI_PROJECT_DIR",
        [nameof(ProjectVisibility)] = "CI_PROJECT_VISIBILITY",
        [nameof(RepositoryUrl)] = "CI_REPOSITORY_URL",
        [nameof(RunnerId)] = "CI_RUNNER_ID",
        [nameof(RunnerDescription)] = "CI_RUNNER_DESCRIPTION",
        [nameof(RunnerTags)] = "CI_RUNNER_TAGS",
        [nameof(ServerHost)] = "CI_SERVER_HOST",
        [nameof(ServerUrl)] = "CI_SERVER_URL",
        [nameof(ServerVersion)] = "CI_SERVER_VERSION",
        [nameof(ServerShellSshHost)] = "CI_SERVER_SHELL_SSH_HOST",
        [nameof(ServerShellSshPort)] = "CI_SERVER_SHELL_SSH_PORT",
        [nameof(ApiUrl)] = "CI_API_V4_URL",
        [nameof(UserId)] = "GITLAB_USER_ID",
        [nameof(UserEmail)] = "GITLAB_USER_EMAIL",
        [nameof(UserLogin)] = "GITLAB_USER_LOGIN",
        [nameof(UserName)] = "GITLAB_USER_NAME",
        [nameof(MergeRequestIid)] = "CI_MERGE_REQUEST_IID",
        [nameof(MergeRequestSourceBranchName)] = "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
        [nameof(MergeRequestTargetBranchName)] = "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
    };

    public override string? VariableName(string property) => PredefinedVariables.GetValueOrDefault(property);

    private static string? Text([CallerMemberName] string property = "") => Variable(PredefinedVariables[property]);

    private static bool Flag([CallerMemberName] string property = "") =>
        string.Equals(Text(property), "true", StringComparison.OrdinalIgnoreCase);

    private static long Number([CallerMemberName] string property = "") =>
        long.TryParse(Text(property), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
}
