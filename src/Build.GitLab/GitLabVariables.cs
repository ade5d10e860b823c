using System.Globalization;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// The GitLab predefined variables the build reads (https://docs.gitlab.com/ci/variables/predefined_variables/).
/// Empty values count as unset, as GitLab leaves some variables empty rather than undefined.
/// </summary>
public sealed record GitLabVariables
{
    public bool IsGitLabCi { get; init; }
    public string? CommitTag { get; init; }
    public string? CommitBranch { get; init; }
    public string? DefaultBranch { get; init; }
    public string? CommitRefName { get; init; }
    public string? CommitSha { get; init; }
    /// <summary>CI_PIPELINE_SOURCE: push, web, schedule, merge_request_event, api, trigger, ...</summary>
    public string? PipelineSource { get; init; }
    public string? PipelineId { get; init; }
    public string? ProjectPath { get; init; }
    public string? ServerHost { get; init; }
    /// <summary>CI_SERVER_URL: the instance URL, the ID tokens' <c>iss</c>.</summary>
    public string? ServerUrl { get; init; }
    /// <summary>CI_API_V4_URL: the REST API's base URL, e.g. https://gitlab.example.com/api/v4.</summary>
    public string? ApiV4Url { get; init; }
    /// <summary>CI_PROJECT_ID: the project's numeric id, as the REST API addresses it.</summary>
    public string? ProjectId { get; init; }
    /// <summary>CI_JOB_TOKEN: the job's token, valid while the job runs; the host masks it in every line the build prints.</summary>
    public string? JobToken { get; init; }
    public string? ServerShellSshHost { get; init; }

    /// <summary>Where the project's SSH endpoint is: GitLab Shell's own host when the instance names one, else the web host.</summary>
    public string? SshHost => ServerShellSshHost ?? ServerHost;
    public int? ServerShellSshPort { get; init; }
    public string? UserName { get; init; }
    public string? UserEmail { get; init; }
    /// <summary>GITLAB_USER_LOGIN: who started the pipeline or job; a job token acts with that user's role.</summary>
    public string? UserLogin { get; init; }
    public string? MergeRequestSourceBranchName { get; init; }
    public string? MergeRequestIid { get; init; }

    public const string JobTokenVariable = "CI_JOB_TOKEN";

    public static GitLabVariables From(Func<string, string?> environment)
    {
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var port = Get("CI_SERVER_SHELL_SSH_PORT");
        return new GitLabVariables
        {
            IsGitLabCi = string.Equals(Get("GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase),
            CommitTag = Get("CI_COMMIT_TAG"),
            CommitBranch = Get("CI_COMMIT_BRANCH"),
            DefaultBranch = Get("CI_DEFAULT_BRANCH"),
            CommitRefName = Get("CI_COMMIT_REF_NAME"),
            CommitSha = Get("CI_COMMIT_SHA"),
            PipelineSource = Get("CI_PIPELINE_SOURCE"),
            PipelineId = Get("CI_PIPELINE_ID"),
            ProjectPath = Get("CI_PROJECT_PATH"),
            ServerHost = Get("CI_SERVER_HOST"),
            ServerUrl = Get("CI_SERVER_URL"),
            ApiV4Url = Get("CI_API_V4_URL"),
            ProjectId = Get("CI_PROJECT_ID"),
            JobToken = Get(JobTokenVariable),
            ServerShellSshHost = Get("CI_SERVER_SHELL_SSH_HOST"),
            ServerShellSshPort = port is null ? null
                : int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? p
                : throw new Nuke.Common.BuildException($"CI_SERVER_SHELL_SSH_PORT is '{port}', which is not a TCP port.",
                    "Unset CI_SERVER_SHELL_SSH_PORT or set it to a number between 1 and 65535."),
            UserName = Get("GITLAB_USER_NAME"),
            UserEmail = Get("GITLAB_USER_EMAIL"),
            UserLogin = Get("GITLAB_USER_LOGIN"),
            MergeRequestSourceBranchName = Get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
            MergeRequestIid = Get("CI_MERGE_REQUEST_IID"),
        };
    }

    /// <summary>Pipeline sources that run for a branch the way a push does (not merge requests, APIs or triggers).</summary>
    public static IReadOnlyList<string> BranchPipelineSources { get; } = ["push", "web", "schedule"];

    /// <summary>The variables a job needs to call its project's REST API with the job token that are unset here, by name.</summary>
    public IReadOnlyList<string> MissingApiVariables =>
        [.. new[] { ("CI_API_V4_URL", ApiV4Url), ("CI_PROJECT_ID", ProjectId), (JobTokenVariable, JobToken) }.Where(v => v.Item2 is null).Select(v => v.Item1)];

    /// <summary>How the API settings are named in messages: the variables and their values (never the token's).</summary>
    public string ApiSettings => $"CI_API_V4_URL={ApiV4Url ?? "unset"}, CI_PROJECT_ID={ProjectId ?? "unset"}";

    public bool IsTagPipeline => CommitTag is not null;

    public bool IsMergeRequestPipeline =>
        MergeRequestIid is not null
        || PipelineSource is "merge_request_event" or "external_pull_request_event";

    /// <summary>A push, web or scheduled pipeline for the default branch; never a tag or merge request pipeline.</summary>
    public bool IsDefaultBranchPipeline =>
        !IsTagPipeline && !IsMergeRequestPipeline
        && CommitBranch is not null && string.Equals(CommitBranch, DefaultBranch, StringComparison.Ordinal)
        && PipelineSource is not null && BranchPipelineSources.Contains(PipelineSource);

    /// <summary>
    /// Why the whole build must be skipped, or null to run it. A tag pipeline must not build or tag again:
    /// the tag was pushed by a release job, and building it would start the next release in an endless loop.
    /// </summary>
    public string? TagPipelineSkipReason => IsTagPipeline ? $"tag pipeline (CI_COMMIT_TAG={CommitTag})" : null;

    // A record prints every property: the job token must not be one of them.
    public override string ToString() =>
        $"GitLabVariables {{ ProjectPath = {ProjectPath}, CommitSha = {CommitSha}, CommitRefName = {CommitRefName}, PipelineSource = {PipelineSource}, "
        + $"ApiV4Url = {ApiV4Url}, ProjectId = {ProjectId}, JobToken = {(JobToken is null ? "unset" : "set")} }}";
}
