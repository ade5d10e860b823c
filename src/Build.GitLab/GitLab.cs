using System.Text;
using Nuke.Common.Hosts;

[assembly: BuildHost<Nuke.Common.CI.GitLab.GitLab>]

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// GitLab CI/CD job: found when GITLAB_CI=true; wraps each target's output in a collapsible log section
/// (https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections).
/// </summary>
public sealed partial class GitLab : Host
{
    private const string EraseLine = "\u001b[0K";
    private readonly TimeProvider time;

    public GitLab() : this(TimeProvider.System) { }

    public GitLab(TimeProvider time) => this.time = time;

    public override string Name => "GitLab";

    public override bool IsRunning(Func<string, string?> environment) =>
        string.Equals(environment("GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override bool IsServerBuild => true;

    // A tag pipeline names no branch; a merge request pipeline builds its source branch.
    public override string? GetBranch(Func<string, string?> environment) =>
        NullIfEmpty(environment("CI_COMMIT_TAG")) is not null
            ? null
            : NullIfEmpty(environment("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")) ?? NullIfEmpty(environment("CI_COMMIT_BRANCH")) ?? NullIfEmpty(environment("CI_COMMIT_REF_NAME"));

    public override PipelineInfo GetPipeline(Func<string, string?> environment)
    {
        var tag = NullIfEmpty(environment("CI_COMMIT_TAG"));
        return new PipelineInfo
        {
            CommitSha = NullIfEmpty(environment("CI_COMMIT_SHA")),
            Tag = tag,
            // CI_COMMIT_BRANCH is unset in merge request pipelines; CI_COMMIT_REF_NAME then names the source branch.
            Branch = tag is null ? NullIfEmpty(environment("CI_COMMIT_BRANCH")) ?? NullIfEmpty(environment("CI_COMMIT_REF_NAME")) : null,
            MergeRequestSourceBranch = NullIfEmpty(environment("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")),
            DefaultBranch = NullIfEmpty(environment("CI_DEFAULT_BRANCH")),
            ProjectPath = NullIfEmpty(environment("CI_PROJECT_PATH")),
            PipelineId = NullIfEmpty(environment("CI_PIPELINE_ID")),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Predefined variables that hold credentials (docs.gitlab.com/ci/variables/predefined_variables).
    public override IReadOnlyList<string> SecretVariables { get; } =
        [GitLabVariables.JobTokenVariable, "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD", "CI_DEPENDENCY_PROXY_PASSWORD", "CI_JOB_JWT", "CI_JOB_JWT_V2"];

    // A nuget.config for the project's or group's GitLab package registry authenticates with the job token.
    public override IReadOnlyList<string> PackageFeedVariables { get; } = [GitLabVariables.JobTokenVariable];
    /// <summary>CI_NODE_INDEX (1-based) and CI_NODE_TOTAL, set in each copy of a job with <c>parallel: N</c>.</summary>
    public override Partition GetPartition(Func<string, string?> environment)
    {
        var (index, total) = (environment("CI_NODE_INDEX"), environment("CI_NODE_TOTAL"));
        if (string.IsNullOrEmpty(index) && string.IsNullOrEmpty(total)) return Partition.Single;
        if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var part)
            || !int.TryParse(total, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || part < 1 || part > count)
            throw new BuildException($"CI_NODE_INDEX '{index}' and CI_NODE_TOTAL '{total}' do not name one of the job's parallel copies.",
                "GitLab sets both for a job with parallel: N; do not set them yourself (unset them, or set both, e.g. 1 and 2).");
        return new Partition(part, count);
    }

    public override string? BeginSection(string id, string title) =>
        $"{EraseLine}section_start:{Now()}:{SectionId(id)}[collapsed=true]\r{EraseLine}{SingleLine(title)}";

    public override string? EndSection(string id) =>
        $"{EraseLine}section_end:{Now()}:{SectionId(id)}\r{EraseLine}";

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// GitLab only recognises section names made of <c>[a-zA-Z0-9_.-]</c>; other characters would print the marker
    /// as text instead of folding the section, so they become '_'.
    /// </summary>
    public static string SectionId(string id)
    {
        if (string.IsNullOrEmpty(id)) return "section";
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        return builder.ToString();
    }

    // A line break in the title would end the marker line and leave the rest outside the section header.
    private static string SingleLine(string title) => title.ReplaceLineEndings(" ");
}
