using System.Reflection;
using System.Runtime.CompilerServices;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// Nuke's <c>GitLab.Instance</c>: GitLab's predefined variables of the running job under Nuke's property names, read
/// from the build's environment (https://docs.gitlab.com/ci/variables/predefined_variables/). Null outside GitLab.
/// </summary>
public sealed partial class GitLab
{
    public static GitLab? Instance => Current<GitLab>();

    [Variable("CI")] public bool Ci => Flag();
    [Variable("CI_COMMIT_REF_NAME")] public string? CommitRefName => Text();
    [Variable("CI_COMMIT_REF_SLUG")] public string? CommitRefSlug => Text();
    [Variable("CI_COMMIT_SHA")] public string? CommitSha => Text();
    [Variable("CI_COMMIT_SHORT_SHA")] public string? CommitShortSha => Text();
    [Variable("CI_COMMIT_BEFORE_SHA")] public string? CommitBeforeSha => Text();
    [Variable("CI_COMMIT_BRANCH")] public string? CommitBranch => Text();
    [Variable("CI_COMMIT_TAG")] public string? CommitTag => Text();
    [Variable("CI_COMMIT_MESSAGE")] public string? CommitMessage => Text();
    [Variable("CI_COMMIT_TITLE")] public string? CommitTitle => Text();
    [Variable("CI_COMMIT_DESCRIPTION")] public string? CommitDescription => Text();
    [Variable("CI_CONFIG_PATH")] public string? ConfigPath => Text();
    [Variable("CI_DEFAULT_BRANCH")] public string? DefaultBranch => Text();
    [Variable("CI_DEBUG_TRACE")] public bool DebugTrace => Flag();
    [Variable("CI_JOB_ID")] public long JobId => Number();
    [Variable("CI_JOB_NAME")] public string? JobName => Text();
    [Variable("CI_JOB_STAGE")] public string? JobStage => Text();
    [Variable("CI_JOB_URL")] public string? JobUrl => Text();
    [Variable(GitLabVariables.JobTokenVariable)] public string? JobToken => Text();
    [Variable("CI_PIPELINE_ID")] public long PipelineId => Number();
    [Variable("CI_PIPELINE_IID")] public long PipelineIid => Number();
    [Variable("CI_PIPELINE_SOURCE")] public string? PipelineSource => Text();
    [Variable("CI_PIPELINE_URL")] public string? PipelineUrl => Text();
    [Variable("CI_PROJECT_ID")] public long ProjectId => Number();
    [Variable("CI_PROJECT_NAME")] public string? ProjectName => Text();
    [Variable("CI_PROJECT_NAMESPACE")] public string? ProjectNamespace => Text();
    [Variable("CI_PROJECT_PATH")] public string? ProjectPath => Text();
    [Variable("CI_PROJECT_PATH_SLUG")] public string? ProjectPathSlug => Text();
    [Variable("CI_PROJECT_URL")] public string? ProjectUrl => Text();
    [Variable("CI_PROJECT_DIR")] public string? ProjectDirectory => Text();
    [Variable("CI_PROJECT_VISIBILITY")] public string? ProjectVisibility => Text();
    [Variable("CI_REPOSITORY_URL")] public string? RepositoryUrl => Text();
    [Variable("CI_RUNNER_ID")] public long RunnerId => Number();
    [Variable("CI_RUNNER_DESCRIPTION")] public string? RunnerDescription => Text();
    [Variable("CI_RUNNER_TAGS")] public string? RunnerTags => Text();
    [Variable("CI_SERVER_HOST")] public string? ServerHost => Text();
    [Variable("CI_SERVER_URL")] public string? ServerUrl => Text();
    [Variable("CI_SERVER_VERSION")] public string? ServerVersion => Text();
    [Variable("CI_SERVER_SHELL_SSH_HOST")] public string? ServerShellSshHost => Text();
    [Variable("CI_SERVER_SHELL_SSH_PORT")] public long ServerShellSshPort => Number();
    [Variable("CI_API_V4_URL")] public string? ApiUrl => Text();
    [Variable("GITLAB_USER_ID")] public long UserId => Number();
    [Variable("GITLAB_USER_EMAIL")] public string? UserEmail => Text();
    [Variable("GITLAB_USER_LOGIN")] public string? UserLogin => Text();
    [Variable("GITLAB_USER_NAME")] public string? UserName => Text();
    [Variable("CI_MERGE_REQUEST_IID")] public string? MergeRequestIid => Text();
    [Variable("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")] public string? MergeRequestSourceBranchName => Text();
    [Variable("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")] public string? MergeRequestTargetBranchName => Text();

    /// <summary>Each property's variable, from its <see cref="VariableAttribute"/>: what the properties read and <see cref="VariableName"/> spells.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> PredefinedVariables = new(() =>
        typeof(GitLab).GetProperties().Where(p => p.IsDefined(typeof(VariableAttribute), false))
            .ToDictionary(p => p.Name, p => p.GetCustomAttribute<VariableAttribute>()!.Name, StringComparer.Ordinal));

    /// <summary>The predefined variable a property reads: one declaration per variable, beside its property.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    private sealed class VariableAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }

    public override string? VariableName(string property) => PredefinedVariables.Value.GetValueOrDefault(property);

    private static string? Text([CallerMemberName] string property = "") => Variable(PredefinedVariables.Value[property]);

    private static bool Flag([CallerMemberName] string property = "") =>
        string.Equals(Text(property), "true", StringComparison.OrdinalIgnoreCase);

    private static long Number([CallerMemberName] string property = "") =>
        long.TryParse(Text(property), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
}
