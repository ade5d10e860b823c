namespace Nuke.Common.Execution;

/// <summary>
/// One scheduled target and what became of it: the only owner of its status. A target leaves Pending once, for one
/// final status; planning may skip a skipped target again with a build-wide reason, nothing may revive or re-judge it.
/// </summary>
internal sealed class PlannedTarget(ExecutableTarget target, bool invoked)
{
    public ExecutableTarget Target { get; } = target;
    public string Name => Target.Name;
    public bool Invoked { get; } = invoked;
    public TargetStatus Status { get; private set; } = TargetStatus.Pending;
    public string? Reason { get; private set; }
    public TimeSpan Duration { get; private set; }

    public void Skip(string reason)
    {
        if (Status != TargetStatus.Skipped) Leave(TargetStatus.Pending);
        (Status, Reason) = (TargetStatus.Skipped, reason);
    }

    public void NotRun(string reason)
    {
        Leave(TargetStatus.Pending);
        (Status, Reason) = (TargetStatus.NotRun, reason);
    }

    /// <summary>A target without actions that only groups others.</summary>
    public void Collect()
    {
        Leave(TargetStatus.Pending);
        Status = TargetStatus.Collective;
    }

    public void Succeed(TimeSpan duration)
    {
        Leave(TargetStatus.Pending);
        (Status, Duration) = (TargetStatus.Succeeded, duration);
    }

    public void Fail(string reason, TimeSpan duration)
    {
        Leave(TargetStatus.Pending);
        (Status, Reason, Duration) = (TargetStatus.Failed, reason, duration);
    }

    private void Leave(TargetStatus expected)
    {
        if (Status != expected) throw new InvalidOperationException($"Target {Name} is already {Status}; its status is final.");
    }
}

/// <summary>The scheduled targets in execution order.</summary>
internal sealed class ExecutionPlan(IReadOnlyList<PlannedTarget> targets)
{
    public IReadOnlyList<PlannedTarget> Targets { get; } = targets;

    public PlannedTarget? Find(ExecutableTarget target) => Targets.FirstOrDefault(t => t.Target == target);

    public bool AnyToExecute => Targets.Any(t => t.Status == TargetStatus.Pending);

    public bool Succeeded => Targets.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped or TargetStatus.Collective);
}
