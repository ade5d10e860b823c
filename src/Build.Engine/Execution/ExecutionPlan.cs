namespace Nuke.Common.Execution;

/// <summary>One scheduled target and what became of it.</summary>
internal sealed class PlannedTarget(ExecutableTarget target, bool invoked)
{
    public ExecutableTarget Target { get; } = target;
    public string Name => Target.Name;
    public bool Invoked { get; } = invoked;
    public TargetStatus Status { get; set; } = TargetStatus.Pending;
    public string? Reason { get; set; }
    public TimeSpan Duration { get; set; }

    public void Skip(string reason)
    {
        Status = TargetStatus.Skipped;
        Reason = reason;
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
