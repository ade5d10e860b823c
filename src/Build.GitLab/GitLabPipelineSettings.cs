namespace Nuke.Common.CI.GitLab;

/// <summary>What the generated pipeline runs, in plain values (the <see cref="GitLabCIAttribute"/> fills it from the build class).</summary>
public sealed record GitLabPipelineSettings
{
    public const string DefaultImage = "mcr.microsoft.com/dotnet/sdk:10.0";

    /// <summary>Container image of every job.</summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>The command that runs the build in a job; targets and options follow it.</summary>
    public string BuildCommand { get; init; } = "./build.sh";

    /// <summary>Targets of the <c>compile</c> job (stage build); empty for no such job.</summary>
    public IReadOnlyList<string> CompileTargets { get; init; } = ["Compile"];

    /// <summary>Targets of the <c>test</c> job (stage test), which publishes test and coverage reports; empty for no such job.</summary>
    public IReadOnlyList<string> TestTargets { get; init; } = ["Test"];

    /// <summary>Targets of the <c>release</c> job (stage release), on default-branch pipelines only; empty for no such job.</summary>
    public IReadOnlyList<string> ReleaseTargets { get; init; } = ["Tag"];

    /// <summary>
    /// Targets of the manual <c>preflight</c> job on default-branch pipelines: it checks the release setup as the CI role
    /// itself (OIDC, KMS, host keys, push access) before the first real release. Left out when the build has no such target.
    /// </summary>
    public IReadOnlyList<string> PreflightTargets { get; init; } = ["Preflight"];

    /// Parallel copies of the <c>test</c> job (GitLab's <c>parallel:</c>); the Test target runs each copy's share of
    /// the test projects (CI_NODE_INDEX of CI_NODE_TOTAL). 1 for one job.
    /// </summary>
    public int TestShards { get; init; } = 1;

    /// <summary>GitLab's limit for <c>parallel:</c>.</summary>
    public const int MaxTestShards = 200;

    /// <summary>
    /// Pipeline sources (CI_PIPELINE_SOURCE) on the default branch that release. Only <c>push</c> by default: a scheduled
    /// or "Run pipeline" pipeline of an already released commit has nothing new to tag, and a failed release is
    /// re-run with the job's retry button, which keeps the original pipeline source.
    /// </summary>
    public IReadOnlyList<string> ReleasePipelineSources { get; init; } = ["push"];

    /// <summary>
    /// Commands the release job runs first. A deploy-key push needs an ssh client, which the .NET SDK images do not
    /// ship; the default installs it on Debian-based images, and only when the repository has a deploy key
    /// (.nuke/deploy-key.enc) and the image lacks ssh, so a job-token release installs nothing. Empty when the image
    /// has ssh already (docs/gitlab-ci.md names one).
    /// </summary>
    public IReadOnlyList<string> ReleaseBeforeScript { get; init; } = [DefaultReleaseBeforeScript];

    public const string DefaultReleaseBeforeScript =
        "test ! -f .nuke/deploy-key.enc || command -v ssh >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends openssh-client >/dev/null)";

    public const string DefaultIdTokenName = "AWS_ID_TOKEN";

    /// <summary>
    /// The instance URL, as GitLab's AWS guide registers the IAM OIDC provider: right for gitlab.com and any
    /// self-managed instance without a setting, and what CreateDeployKey writes into the provider's ClientIDList.
    /// </summary>
    public const string DefaultIdTokenAudience = GitLabIdToken.ServerUrlVariable;

    /// <summary>
    /// Whether the release and preflight jobs get <c>id_tokens</c>: only when the push may use the deploy key
    /// (<see cref="ReleaseIdTokenRule"/>); a job-token release asks GitLab for no ID token.
    /// </summary>
    public bool ReleaseIdToken { get; init; } = true;

    /// <summary>Name of the OIDC ID token variable of the release job (the build exchanges it for AWS credentials).</summary>
    public string IdTokenName { get; init; } = DefaultIdTokenName;

    /// <summary>The <c>aud</c> claim of that token; must be in the ClientIDList of the AWS IAM OIDC identity provider.</summary>
    public string IdTokenAudience { get; init; } = DefaultIdTokenAudience;

    /// <summary>Files whose content keys the NuGet package cache (GitLab allows one or two; patterns allowed).</summary>
    public IReadOnlyList<string> CacheKeyFiles { get; init; } = ["Directory.Packages.props", "**/*.csproj"];

    /// <summary>
    /// What the <c>compile</c> job hands to the later jobs, so each piece of work happens once per pipeline: the built
    /// build (<c>.nuke/temp/bin</c>, which holds build.sh's freshness stamp too, so no later job builds the build project
    /// again) and the solution's build output (the test job runs <c>dotnet test --no-build</c> on it). With test shards
    /// it hands on <see cref="TestDurationsDirectory"/> too.
    /// </summary>
    public IReadOnlyList<string> CompileArtifacts { get; init; } = [".nuke/temp/bin/", "**/bin/", "**/obj/"];

    /// <summary>
    /// The Test target's durations folder (ITest.TestDurationsDirectory, one file per copy of the test job), which
    /// the parallel copies split the test projects by: the compile job hands the last pipeline's files to every copy
    /// (all must read the same files), each copy leaves its own, and the <c>test-durations</c> job stores them
    /// together in the <see cref="TestDurationsCacheKey"/> cache for the next pipeline.
    /// </summary>
    public string TestDurationsDirectory { get; init; } = ".nuke/temp/test-durations/";

    public string TestDurationsCacheKey { get; init; } = "test-durations";

    /// <summary>Left out of <see cref="CompileArtifacts"/>: the NuGet packages travel in the cache, not as artifacts.</summary>
    public IReadOnlyList<string> CompileArtifactsExclude { get; init; } = [".nuget/**/*"];

    public string TestResults { get; init; } = "artifacts/test-results/*.xml";
    public string CoberturaReport { get; init; } = "artifacts/coverage/*.cobertura.xml";

    /// <summary>Regex GitLab applies to the test job log; the Test target prints <c>Total line coverage: NN.NN%</c>.</summary>
    public string CoverageRegex { get; init; } = @"/Total line coverage: (\d+(?:\.\d+)?)%/";

    /// <summary>Dotenv report of the release job, so later jobs and environments get VERSION.</summary>
    public string VersionDotenv { get; init; } = "artifacts/version.env";
}
