namespace Nuke.Common;

/// <summary>A target as written in Build.cs: <c>Target Compile => _ => _.DependsOn(Restore).Executes(...);</c></summary>
public delegate ITargetDefinition Target(ITargetDefinition _);

/// <summary>What happens to a skipped target's dependencies that no other scheduled target needs.</summary>
public enum DependencyBehavior
{
    Skip,
    Execute,
}
