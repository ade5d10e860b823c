using Nuke.Common.CI;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// Declares the GitLab pipeline of a build; the engine writes it to <c>.gitlab-ci.yml</c>
/// (<c>./build.sh --generate-configuration</c>). Jobs: <c>compile</c> (stage build), <c>test</c> (stage test, test and
/// coverage reports) and <c>release</c> (stage release, default-branch push pipelines only). An empty target list
/// leaves its job out.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GitLabCIAttribute : ConfigurationAttributeBase
{
    public override string ConfigurationFile => ".gitlab-ci.yml";

    public string Image { get; set; } = GitLabPipelineSettings.DefaultImage;
    public string BuildCommand { get; set; } = "./build.sh";
    public string[] CompileTargets { get; set; } = ["Compile"];
    public string[] TestTargets { get; set; } = ["Test"];
    /// <summary>Parallel copies of the test job, each running its share of the test projects (<c>parallel: N</c>).</summary>
    public int TestShards { get; set; } = 1;
    public string[] ReleaseTargets { get; set; } = ["Tag"];
    public string[] PreflightTargets { get; set; } = ["Preflight"];
    public string[] ReleasePipelineSources { get; set; } = ["push"];
    public string[] ReleaseBeforeScript { get; set; } = [GitLabPipelineSettings.DefaultReleaseBeforeScript];
    /// <summary>The release job's <c>id_tokens</c> variable; the build reads the token from it at runtime.</summary>
    public string IdTokenName { get; set; } = GitLabPipelineSettings.DefaultIdTokenName;

    /// <summary>The token's <c>aud</c>; default <c>$CI_SERVER_URL</c> (the instance URL). CreateDeployKey puts the same value into the AWS setup.</summary>
    public string IdTokenAudience { get; set; } = GitLabPipelineSettings.DefaultIdTokenAudience;
    public string[] CacheKeyFiles { get; set; } = ["Directory.Packages.props", "**/*.csproj"];

    public GitLabPipelineSettings Settings => new()
    {
        Image = Image,
        BuildCommand = BuildCommand,
        CompileTargets = CompileTargets,
        TestTargets = TestTargets,
        TestShards = TestShards,
        ReleaseTargets = ReleaseTargets,
        PreflightTargets = PreflightTargets,
        ReleasePipelineSources = ReleasePipelineSources,
        ReleaseBeforeScript = ReleaseBeforeScript,
        IdTokenName = IdTokenName,
        IdTokenAudience = IdTokenAudience,
        CacheKeyFiles = CacheKeyFiles,
    };

    /// <summary>Whether the release job asks for the ID token depends on these (<see cref="ReleaseIdTokenRule"/>).</summary>
    public override IReadOnlyList<string> InputFiles => [".nuke/parameters.json", ReleaseIdTokenRule.DefaultDeployKeyFile];

    public override string Generate(BuildModel model) =>
        GitLabPipelineGenerator.GenerateYaml(model, Settings with { ReleaseIdToken = ReleaseIdTokenRule.DeployKeyPossible(model) });
}
