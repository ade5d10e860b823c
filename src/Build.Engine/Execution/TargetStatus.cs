namespace Nuke.Common.Execution;

public enum TargetStatus
{
    /// <summary>Scheduled, not yet run.</summary>
    Pending,
    Succeeded,
    Failed,
    Skipped,
    /// <summary>Not run because an earlier target failed or the build was cancelled.</summary>
    NotRun,
    /// <summary>A target without actions, only grouping its dependencies.</summary>
    Collective,
}
