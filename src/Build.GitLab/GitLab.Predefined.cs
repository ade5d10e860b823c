namespace Nuke.Common.CI.GitLab;

/// <summary>
/// Nuke's <c>GitLab.Instance</c>: GitLab's predefined variables of the running job under Nuke's property names, read
/// from the build's environment (https://docs.gitlab.com/ci/variables/predefined_variables/). Null outside GitLab.
/// </summary>
public sealed partial class GitLab
{
    public static GitLab? Instance => Current<GitLab>();

    public bool Ci => string.Equals(Variable("CI"), "true", StringComparison.OrdinalIgnoreCase);
    public string? CommitRefName => Variable("CI_COMMIT_REF_NAME");
    public string? CommitRefSlug => Variable("CI_COMMIT_REF_SLUG");
    public string? CommitSha => Variable("CI_COMMIT_SHA");
    public string? CommitShortSha => Variable("CI_COMMIT_SHORT_SHA");
    public string? CommitBeforeSha => Variable("CI_COMMIT_BEFORE_SHA");
    public string? CommitBranch => Variable("CI_COMMIT_BRANCH");
    public string? CommitTag => Variable("CI_COMMIT_TAG");
    public string? CommitMessage => Variable("CI_COMMIT_MESSAGE");
    public string? CommitTitle => Variable("CI_COMMIT_TITLE");
    public string? CommitDescription => Variable("CI_COMMIT_DESCRIPTION");
    public string? ConfigPath => Variable("CI_CONFIG_PATH");
    public string? DefaultBranch => Variable("CI_DEFAULT_BRANCH");
    public bool DebugTrace => string.Equals(Variable("CI_DEBUG_TRACE"), "true", StringComparison.OrdinalIgnoreCase);
    public long JobId => Number("CI_JOB_ID");
    public string? JobName => Variable("CI_JOB_NAME");
    public string? JobStage => Variable("CI_JOB_STAGE");
    public string? JobUrl => Variable("CI_JOB_URL");
    public string? JobToken => Variable(GitLabVariables.JobTokenVariable);
    public long PipelineId => Number("CI_PIPELINE_ID");
    public long PipelineIid => Number("CI_PIPELINE_IID");
    public string? PipelineSource => Variable("CI_PIPELINE_SOURCE");
    public string? PipelineUrl => Variable("CI_PIPELINE_URL");
    public long ProjectId => Number("CI_PROJECT_ID");
    public string? ProjectName => Variable("CI_PROJECT_NAME");
    public string? ProjectNamespace => Variable("CI_PROJECT_NAMESPACE");
    public string? ProjectPath => Variable("CI_PROJECT_PATH");
    public string? ProjectPathSlug => Variable("CI_PROJECT_PATH_SLUG");
    public string? ProjectUrl => Variable("CI_PROJECT_URL");
    public string? ProjectDirectory => Variable("CI_PROJECT_DIR");
    public string? ProjectVisibility => Variable("CI_PROJECT_VISIBILITY");
    public string? RepositoryUrl => Variable("CI_REPOSITORY_URL");
    public long RunnerId => Number("CI_RUNNER_ID");
    public string? RunnerDescription => Variable("CI_RUNNER_DESCRIPTION");
    public string? RunnerTags => Variable("CI_RUNNER_TAGS");
    public string? ServerHost => Variable("CI_SERVER_HOST");
    public string? ServerUrl => Variable("CI_SERVER_URL");
    public string? ServerVersion => Variable("CI_SERVER_VERSION");
    public string? ApiUrl => Variable("CI_API_V4_URL");
    public long UserId => Number("GITLAB_USER_ID");
    public string? UserEmail => Variable("GITLAB_USER_EMAIL");
    public string? UserLogin => Variable("GITLAB_USER_LOGIN");
    public string? UserName => Variable("GITLAB_USER_NAME");
    public string? MergeRequestIid => Variable("CI_MERGE_REQUEST_IID");
    public string? MergeRequestSourceBranchName => Variable("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME");
    public string? MergeRequestTargetBranchName => Variable("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");

    private static long Number(string name) =>
        long.TryParse(Variable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
}
