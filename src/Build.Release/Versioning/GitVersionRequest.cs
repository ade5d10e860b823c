using Nuke.Common.Hosts;

namespace GitLabRelease.Versioning;

/// <summary>
/// What to version and in which pipeline context. The CI fields are plain values (the CI host's
/// <see cref="PipelineInfo"/> maps onto them through <see cref="ForPipeline"/>), so tests can fill them directly.
/// </summary>
public sealed record GitVersionRequest(string RepositoryDirectory)
{
    /// <summary>Where cached results live (the build's <c>.nuke/temp</c>); null disables the cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>True in a pipeline: a missing local branch may then be created or moved to the pipeline's commit.</summary>
    public bool IsServerBuild { get; init; }

    /// <summary>The pipeline's commit; HEAD must be on it.</summary>
    public string? CommitSha { get; init; }

    /// <summary>The pipeline's branch; names a detached HEAD.</summary>
    public string? RefName { get; init; }

    /// <summary>The tag of a tag pipeline: the version is this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>The source branch of a merge request pipeline.</summary>
    public string? MergeRequestSourceBranch { get; init; }

    /// <summary>The default branch; a tag pipeline is versioned as this branch.</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>Environment lookup (for <c>NUGET_PACKAGES</c> and <c>HOME</c>); tests pass their own.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The literal prefix of release tags (TagPrefix, e.g. <c>app-v</c>), given to GitVersion as its <c>tag-prefix</c> so
    /// versions continue from the last release tag. Null keeps GitVersion's own (<c>[vV]?</c>, or GitVersion.yml's).
    /// </summary>
    public string? TagPrefix { get; init; }

    /// <summary>GitVersion's tag-prefix regex for <see cref="TagPrefix"/>: the default <c>v</c> stays GitVersion's <c>[vV]?</c>.</summary>
    public string? TagPrefixPattern => TagPrefix switch
    {
        null => null,
        "v" or "V" => "[vV]?",
        _ => System.Text.RegularExpressions.Regex.Escape(TagPrefix),
    };

    /// <summary>How long fetching a shallow clone's full history may take: a stalled connection fails the run instead of holding it.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Path to gitversion.dll; null finds it in the NuGet package folder.</summary>
    public string? ToolPath { get; init; }

    /// <summary>The branch a detached HEAD should be versioned as, from the pipeline inputs; null when none.</summary>
    public string? PipelineBranch =>
        NullIfEmpty(Tag) is not null ? DefaultBranch : NullIfEmpty(MergeRequestSourceBranch) ?? NullIfEmpty(RefName);

    /// <summary>A request for the run the CI host describes (<paramref name="pipeline"/>; none on a laptop).</summary>
    public static GitVersionRequest ForPipeline(string repositoryDirectory, string? cacheDirectory, bool isServerBuild,
        PipelineInfo pipeline, Func<string, string?> environment) => new(repositoryDirectory)
    {
        CacheDirectory = cacheDirectory,
        IsServerBuild = isServerBuild,
        CommitSha = NullIfEmpty(pipeline.CommitSha),
        Tag = NullIfEmpty(pipeline.Tag),
        RefName = NullIfEmpty(pipeline.Tag) is null ? NullIfEmpty(pipeline.Branch) : null,
        MergeRequestSourceBranch = NullIfEmpty(pipeline.MergeRequestSourceBranch),
        DefaultBranch = NullIfEmpty(pipeline.DefaultBranch) ?? "main",
        GetEnvironmentVariable = environment,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
