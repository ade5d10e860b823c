namespace Nuke.Common.Hosts;

/// <summary>
/// What the CI service says about the run, as plain values: the commit and ref it builds, the project and the
/// pipeline. Every field is null where the service names none (and all are null on a laptop).
/// </summary>
public sealed record PipelineInfo
{
    public static PipelineInfo None { get; } = new();

    /// <summary>The commit the pipeline builds; HEAD must be on it.</summary>
    public string? CommitSha { get; init; }

    /// <summary>The branch of a branch pipeline (null in a tag pipeline).</summary>
    public string? Branch { get; init; }

    /// <summary>The tag of a tag pipeline.</summary>
    public string? Tag { get; init; }

    /// <summary>The source branch of a merge request pipeline.</summary>
    public string? MergeRequestSourceBranch { get; init; }

    /// <summary>The project's default branch.</summary>
    public string? DefaultBranch { get; init; }

    /// <summary>The project's path on the CI service (<c>group/project</c>).</summary>
    public string? ProjectPath { get; init; }

    /// <summary>The pipeline's id, unique on the CI service.</summary>
    public string? PipelineId { get; init; }
}
