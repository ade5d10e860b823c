namespace Nuke.Common.CI.GitHubActions;

public enum GitHubActionsImage
{
    WindowsLatest, Windows2025, Windows2022, Windows2019,
    UbuntuLatest, Ubuntu2404, Ubuntu2204, Ubuntu2004,
    MacOsLatest, MacOs15, MacOs14, MacOs13, MacOs12,
}

public enum GitHubActionsTrigger
{
    Push, PullRequest, WorkflowDispatch,
}

/// <summary>Nuke's [GitHubActions]: accepted, generates nothing (see <see cref="OtherCiConfigurationAttributeBase"/>).</summary>
public sealed class GitHubActionsAttribute(string name, GitHubActionsImage image, params GitHubActionsImage[] images) : OtherCiConfigurationAttributeBase
{
    public override string SystemName => "GitHubActions";
    public string Name { get; } = name;
    public GitHubActionsImage[] Images { get; } = [image, .. images];
    public GitHubActionsTrigger[] On { get; set; } = [];
    public string[] OnPushBranches { get; set; } = [];
    public string[] OnPushBranchesIgnore { get; set; } = [];
    public string[] OnPushTags { get; set; } = [];
    public string[] OnPushIncludePaths { get; set; } = [];
    public string[] OnPushExcludePaths { get; set; } = [];
    public string[] OnPullRequestBranches { get; set; } = [];
    public string[] OnPullRequestIncludePaths { get; set; } = [];
    public string[] OnPullRequestExcludePaths { get; set; } = [];
    public string[] OnWorkflowDispatchOptionalInputs { get; set; } = [];
    public string[] OnWorkflowDispatchRequiredInputs { get; set; } = [];
    public string? OnCronSchedule { get; set; }
    public bool EnableGitHubToken { get; set; }
    public bool PublishArtifacts { get; set; } = true;
    public bool PublishCondition { get; set; }
    public int FetchDepth { get; set; } = 1;
    public bool Submodules { get; set; }
    public string[] CacheKeyFiles { get; set; } = [];
    public string[] CacheIncludePatterns { get; set; } = [];
    public string[] CacheExcludePatterns { get; set; } = [];
    public string? JobConcurrencyGroup { get; set; }
    public bool JobConcurrencyCancelInProgress { get; set; }
    public int TimeoutMinutes { get; set; }
}

/// <summary>GitHub Actions as a host (GITHUB_ACTIONS=true); <c>GitHubActions.Instance</c> is null elsewhere.</summary>
public sealed class GitHubActions : OtherCiHost
{
    public static GitHubActions? Instance => Current<GitHubActions>();

    public override string Name => "GitHubActions";

    public override bool IsRunning(Func<string, string?> environment) => environment("GITHUB_ACTIONS") == "true";

    public override string? GetBranch(Func<string, string?> environment) =>
        environment("GITHUB_HEAD_REF") is { Length: > 0 } head ? head
        : environment("GITHUB_REF") is { } reference && reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : null;

    public string? Workflow => Variable("GITHUB_WORKFLOW");
    public string? Action => Variable("GITHUB_ACTION");
    public string? Actor => Variable("GITHUB_ACTOR");
    public string? Repository => Variable("GITHUB_REPOSITORY");
    public string? RepositoryOwner => Variable("GITHUB_REPOSITORY_OWNER");
    public string? EventName => Variable("GITHUB_EVENT_NAME");
    public string? Ref => Variable("GITHUB_REF");
    public string? Sha => Variable("GITHUB_SHA");
    public string? HeadRef => Variable("GITHUB_HEAD_REF");
    public string? BaseRef => Variable("GITHUB_BASE_REF");
    public string? ServerUrl => Variable("GITHUB_SERVER_URL");
    public string? Workspace => Variable("GITHUB_WORKSPACE");
    public long RunId => long.TryParse(Variable("GITHUB_RUN_ID"), out var id) ? id : 0;
    public long RunNumber => long.TryParse(Variable("GITHUB_RUN_NUMBER"), out var number) ? number : 0;
    public bool IsPullRequest => EventName is "pull_request" or "pull_request_target";
}
