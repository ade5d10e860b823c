namespace Nuke.Common.CI.AzurePipelines;

public enum AzurePipelinesImage
{
    WindowsLatest, Windows2025, Windows2022, Windows2019,
    UbuntuLatest, Ubuntu2404, Ubuntu2204, Ubuntu2004,
    MacOsLatest, MacOs14, MacOs13, MacOs12,
}

/// <summary>Nuke's [AzurePipelines]: accepted, generates nothing (see <see cref="OtherCiConfigurationAttributeBase"/>).</summary>
public sealed class AzurePipelinesAttribute(string? suffix, AzurePipelinesImage image, params AzurePipelinesImage[] images) : OtherCiConfigurationAttributeBase
{
    public AzurePipelinesAttribute(AzurePipelinesImage image, params AzurePipelinesImage[] images) : this(null, image, images) { }

    public override string SystemName => "AzurePipelines";
    public string? Suffix { get; } = suffix;
    public AzurePipelinesImage[] Images { get; } = [image, .. images];
    public string[] NonEntryTargets { get; set; } = [];
    public string[] ExcludedTargets { get; set; } = [];
    public bool TriggerDisabled { get; set; }
    public bool TriggerBatch { get; set; }
    public string[] TriggerBranchesInclude { get; set; } = [];
    public string[] TriggerBranchesExclude { get; set; } = [];
    public string[] TriggerTagsInclude { get; set; } = [];
    public string[] TriggerPathsInclude { get; set; } = [];
    public string[] TriggerPathsExclude { get; set; } = [];
    public bool PullRequestsAutoCancel { get; set; }
    public string[] PullRequestsBranchesInclude { get; set; } = [];
    public string[] CacheKeyFiles { get; set; } = [];
    public string[] CachePaths { get; set; } = [];
}

/// <summary>Azure Pipelines as a host (TF_BUILD); <c>AzurePipelines.Instance</c> is null elsewhere.</summary>
public sealed class AzurePipelines : OtherCiHost
{
    public static AzurePipelines? Instance => Current<AzurePipelines>();

    public override string Name => "AzurePipelines";

    public override bool IsRunning(Func<string, string?> environment) => !string.IsNullOrEmpty(environment("TF_BUILD"));

    public override string? GetBranch(Func<string, string?> environment) => environment("BUILD_SOURCEBRANCHNAME");

    public string? BuildNumber => Variable("BUILD_BUILDNUMBER");
    public string? SourceBranch => Variable("BUILD_SOURCEBRANCH");
    public string? SourceBranchName => Variable("BUILD_SOURCEBRANCHNAME");
    public string? SourceVersion => Variable("BUILD_SOURCEVERSION");
    public string? RepositoryName => Variable("BUILD_REPOSITORY_NAME");
    public string? TeamProject => Variable("SYSTEM_TEAMPROJECT");
    public string? PullRequestId => Variable("SYSTEM_PULLREQUEST_PULLREQUESTID");
}
