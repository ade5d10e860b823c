namespace Nuke.Common.Execution;

/// <summary>A target with its relations resolved both ways (DependentFor folded into DependsOn, Before into After, ...).</summary>
internal sealed class ExecutableTarget(string name, TargetDefinition definition, int declarationIndex)
{
    public string Name { get; } = name;
    public TargetDefinition Definition { get; } = definition;
    public int DeclarationIndex { get; } = declarationIndex;
    public bool IsDefault { get; set; }

    /// <summary>Targets that must run before this one and are scheduled with it.</summary>
    public List<ExecutableTarget> Dependencies { get; } = [];

    /// <summary>Targets this one runs after when both are scheduled.</summary>
    public List<ExecutableTarget> OrderedAfter { get; } = [];

    /// <summary>Targets this one schedules to run after it.</summary>
    public List<ExecutableTarget> Triggers { get; } = [];

    /// <summary>Targets that schedule this one to run after them.</summary>
    public List<ExecutableTarget> TriggeredBy { get; } = [];

    public string? Description => Definition.DescriptionText;
    public bool IsCollective => Definition.Actions.Count == 0;

    public override string ToString() => Name;
}
