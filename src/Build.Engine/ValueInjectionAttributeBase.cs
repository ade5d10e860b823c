using System.Reflection;

namespace Nuke.Common;

/// <summary>
/// Computes a member's value lazily: the engine injects it only when at least one target is going to execute
/// (after planning and static conditions, before requirements), so <c>--help</c>, <c>--plan</c> and skipped runs never pay for it.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class ValueInjectionAttributeBase : Attribute
{
    public abstract Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct);
}
