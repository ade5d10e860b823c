namespace Nuke.Common.CI.AppVeyor;

public enum AppVeyorImage
{
    VisualStudio2022, VisualStudio2019, VisualStudio2017, VisualStudioLatest,
    Ubuntu, Ubuntu2204, Ubuntu2004, Ubuntu1804, MacOs, MacOsMonterey,
}

/// <summary>Nuke's [AppVeyor]: accepted, generates nothing (see <see cref="OtherCiConfigurationAttributeBase"/>).</summary>
public sealed class AppVeyorAttribute(AppVeyorImage image, params AppVeyorImage[] images) : OtherCiConfigurationAttributeBase
{
    public override string SystemName => "AppVeyor";
    public AppVeyorImage[] Images { get; } = [image, .. images];
    public string[] Services { get; set; } = [];
    public bool SkipTags { get; set; }
    public bool SkipBranchesWithPullRequest { get; set; }
    public string[] Branches { get; set; } = [];
    public string[] Secrets { get; set; } = [];
    public string[] Init { get; set; } = [];
}

/// <summary>AppVeyor as a host (APPVEYOR); <c>AppVeyor.Instance</c> is null elsewhere.</summary>
public sealed class AppVeyor : OtherCiHost
{
    public static AppVeyor? Instance => Current<AppVeyor>();

    public override string Name => "AppVeyor";

    public override bool IsRunning(Func<string, string?> environment) => !string.IsNullOrEmpty(environment("APPVEYOR"));

    public override string? GetBranch(Func<string, string?> environment) => environment("APPVEYOR_REPO_BRANCH");

    public string? BuildVersion => Variable("APPVEYOR_BUILD_VERSION");
    public int BuildNumber => int.TryParse(Variable("APPVEYOR_BUILD_NUMBER"), out var number) ? number : 0;
    public string? RepositoryName => Variable("APPVEYOR_REPO_NAME");
    public string? RepositoryBranch => Variable("APPVEYOR_REPO_BRANCH");
    public string? RepositoryCommit => Variable("APPVEYOR_REPO_COMMIT");
    public bool RepositoryTag => string.Equals(Variable("APPVEYOR_REPO_TAG"), "true", StringComparison.OrdinalIgnoreCase);
    public string? RepositoryTagName => Variable("APPVEYOR_REPO_TAG_NAME");
    public string? PullRequestNumber => Variable("APPVEYOR_PULL_REQUEST_NUMBER");
}
