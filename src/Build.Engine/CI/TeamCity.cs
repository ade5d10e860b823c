namespace Nuke.Common.CI.TeamCity;

public enum TeamCityAgentPlatform
{
    Windows,
    Unix,
}

/// <summary>Nuke's [TeamCity]: accepted, generates nothing (see <see cref="OtherCiConfigurationAttributeBase"/>).</summary>
public sealed class TeamCityAttribute(TeamCityAgentPlatform platform = TeamCityAgentPlatform.Windows) : OtherCiConfigurationAttributeBase
{
    public override string SystemName => "TeamCity";
    public TeamCityAgentPlatform Platform { get; } = platform;
    public string? Version { get; set; }
    public string? Description { get; set; }
    public string[] VcsTriggeredTargets { get; set; } = [];
    public string[] VcsTriggerBranchFilters { get; set; } = [];
    public string[] NightlyTriggeredTargets { get; set; } = [];
    public string[] ManuallyTriggeredTargets { get; set; } = [];
    public string[] NonEntryTargets { get; set; } = [];
    public string[] ExcludedTargets { get; set; } = [];
    public bool CleanCheckoutDirectory { get; set; } = true;
}

/// <summary>TeamCity as a host (TEAMCITY_VERSION); <c>TeamCity.Instance</c> is null elsewhere.</summary>
public sealed class TeamCity : OtherCiHost
{
    public static TeamCity? Instance => Current<TeamCity>();

    public override string Name => "TeamCity";

    public override bool IsRunning(Func<string, string?> environment) => !string.IsNullOrEmpty(environment("TEAMCITY_VERSION"));

    public string? Version => Variable("TEAMCITY_VERSION");
    public string? ProjectName => Variable("TEAMCITY_PROJECT_NAME");
    public string? BuildConfiguration => Variable("TEAMCITY_BUILDCONF_NAME");
    public string? BuildNumber => Variable("BUILD_NUMBER");
}
