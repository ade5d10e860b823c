using YamlDotNet.Serialization;

namespace Nuke.Common.CI.GitLab.Configuration;

// The subset of .gitlab-ci.yml keywords the generator uses (https://docs.gitlab.com/ci/yaml/).
// Property order is YAML key order; null values and empty collections are left out when serialized.

/// <summary>A whole .gitlab-ci.yml. Jobs are top-level keys in GitLab, so they are kept apart and written after the globals.</summary>
public sealed record GitLabCiFile
{
    public Workflow? Workflow { get; init; }
    public IReadOnlyList<string> Stages { get; init; } = [];
    /// <summary>Global variables, written in the given order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = [];
    public JobDefaults? Default { get; init; }
    /// <summary>Jobs by name, written in the given order after the global keywords.</summary>
    public IReadOnlyList<KeyValuePair<string, Job>> Jobs { get; init; } = [];
}

public sealed record Workflow(IReadOnlyList<Rule> Rules);

/// <summary>One entry of <c>rules:</c>; <see cref="When"/> null means GitLab's default (<c>on_success</c>).</summary>
public sealed record Rule
{
    [YamlMember(Alias = "if", Order = 0)] public string? If { get; init; }
    [YamlMember(Order = 1)] public string? When { get; init; }

    public static Rule Never(string condition) => new() { If = condition, When = WhenValues.Never };
    public static Rule OnSuccess(string condition) => new() { If = condition };
}

public static class WhenValues
{
    public const string Never = "never";
    public const string OnSuccess = "on_success";
    public const string Always = "always";
    public const string Manual = "manual";
}

public sealed record JobDefaults
{
    public string? Image { get; init; }
    public Cache? Cache { get; init; }
}

public sealed record Cache
{
    public CacheKey? Key { get; init; }
    public IReadOnlyList<string> Paths { get; init; } = [];
    public string? When { get; init; }
    /// <summary><c>pull</c>, <c>push</c> or GitLab's default <c>pull-push</c> (null).</summary>
    public string? Policy { get; init; }
}

public static class CachePolicies
{
    public const string Pull = "pull";
    public const string Push = "push";
}

/// <summary>
/// cache:key — a fixed <see cref="Name"/>, written as a plain string, or a key computed from files (GitLab accepts one
/// or two; patterns allowed) with an optional prefix.
/// </summary>
public sealed record CacheKey
{
    public const int MaxFiles = 2;
    public string? Name { get; init; }
    public string? Prefix { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
}

public sealed record Job
{
    public string? Stage { get; init; }
    public string? Image { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public IReadOnlyList<Rule> Rules { get; init; } = [];
    /// <summary>Job variables, written in the given order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = [];
    /// <summary>The job's caches, replacing <c>default:cache</c>; empty keeps the default.</summary>
    public IReadOnlyList<Cache> Cache { get; init; } = [];
    public IReadOnlyList<string> BeforeScript { get; init; } = [];
    public IReadOnlyList<string> Script { get; init; } = [];
    public bool? Interruptible { get; init; }
    public string? ResourceGroup { get; init; }
    /// <summary>id_tokens: variable name to token settings.</summary>
    public IReadOnlyList<KeyValuePair<string, IdToken>> IdTokens { get; init; } = [];
    /// <summary>Regular expression, between slashes, that GitLab applies to the job log to read the coverage percentage.</summary>
    public string? Coverage { get; init; }
    /// <summary>parallel: N copies of the job, each told CI_NODE_INDEX/CI_NODE_TOTAL; null or 1 for one.</summary>
    public int? Parallel { get; init; }
    public Artifacts? Artifacts { get; init; }
    public string? When { get; init; }
    [YamlMember(Alias = "allow_failure")] public bool? AllowFailure { get; init; }
}

public sealed record IdToken(string Aud);

public sealed record Artifacts
{
    public string? When { get; init; }
    public IReadOnlyList<string> Paths { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public string? ExpireIn { get; init; }
    public ArtifactReports? Reports { get; init; }
}

public sealed record ArtifactReports
{
    public string? Junit { get; init; }
    public CoverageReport? CoverageReport { get; init; }
    public string? Dotenv { get; init; }
}

public sealed record CoverageReport(string CoverageFormat, string Path);
