using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>Collects what a target's DSL chain declares; holds no behaviour.</summary>
internal sealed class TargetDefinition(object? build = null, System.Reflection.PropertyInfo? property = null, string? name = null) : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Expression<Func<bool>>> StaticConditions { get; } = [];
    public List<Expression<Func<bool>>> DynamicConditions { get; } = [];
    public Dictionary<Expression<Func<bool>>, string> ConditionReasons { get; } = [];
    public Dictionary<Expression<Func<bool>>, Func<string>> ComputedConditionReasons { get; } = [];
    public List<LambdaExpression> Requirements { get; } = [];
    public DependencyBehavior DependencyBehavior { get; private set; } = DependencyBehavior.Skip;
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition DependentFor(params Target[] targets) { DependentForTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggersTargets.AddRange(targets); return this; }
    public ITargetDefinition TriggeredBy(params Target[] targets) { TriggeredByTargets.AddRange(targets); return this; }
    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) { StaticConditions.AddRange(conditions); return this; }
    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) { DynamicConditions.AddRange(conditions); return this; }

    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string reason)
    {
        ConditionReasons[condition] = reason;
        return OnlyWhenStatic(condition);
    }

    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string reason)
    {
        ConditionReasons[condition] = reason;
        return OnlyWhenDynamic(condition);
    }

    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, Func<string> reason)
    {
        ComputedConditionReasons[condition] = reason;
        return OnlyWhenDynamic(condition);
    }

    /// <summary>Why a false condition skips the target: the given reason, else the condition's own text.</summary>
    public string SkipReason(Expression<Func<bool>> condition) =>
        ComputedConditionReasons.TryGetValue(condition, out var computed) ? computed()
        : ConditionReasons.TryGetValue(condition, out var reason) ? reason : ExpressionText.Render(condition);
    public ITargetDefinition Requires(params Expression<Func<object?>>[] requirements) { Requirements.AddRange(requirements); return this; }
    public ITargetDefinition Requires(params Expression<Func<bool>>[] requirements) { Requirements.AddRange(requirements); return this; }
    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior) { DependencyBehavior = dependencyBehavior; return this; }
    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }

    public ITargetDefinition Executes(Action action)
    {
        Actions.Add(_ => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(_ => action()); return this; }
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }

    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnTargets, targets, optional: false, nameof(DependsOn));
    public ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnTargets, targets, optional: true, nameof(DependsOn));
    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets, optional: false, nameof(DependentFor));
    public ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets, optional: true, nameof(DependentFor));
    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => Add(AfterTargets, targets, optional: false, nameof(After));
    public ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets) => Add(AfterTargets, targets, optional: true, nameof(After));
    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Add(BeforeTargets, targets, optional: false, nameof(Before));
    public ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets) => Add(BeforeTargets, targets, optional: true, nameof(Before));
    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets, optional: false, nameof(Triggers));
    public ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets, optional: true, nameof(Triggers));
    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets, optional: false, nameof(TriggeredBy));
    public ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets, optional: true, nameof(TriggeredBy));

    private TargetDefinition Add<T>(List<Target> list, Func<T, Target>[] targets, bool optional, string verb)
    {
        if (build is T component)
            list.AddRange(targets.Select(select => select(component)));
        else if (!optional)
            throw new BuildException($"Target '{name}' uses {verb}<{typeof(T).Name}>, but the build does not implement {typeof(T).Name}.",
                $"Add {typeof(T).Name} to the build class's interfaces, or use Try{verb}<{typeof(T).Name}> when the target is optional.");
        return this;
    }

    public ITargetDefinition Base()
    {
        var getter = property?.DeclaringType?.BaseType is { } baseType
            ? baseType.GetProperty(property.Name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetMethod
            : null;
        if (getter is null || getter.IsAbstract)
            throw new BuildException($"Target '{name}' calls Base(), but no base class defines {name}.",
                $"Use Base() only in an override of a virtual target; for a component's target use Inherit<T>().");
        NonVirtual.GetTarget(getter, build!)(this);
        return this;
    }

    public ITargetDefinition Inherit<T>(params Expression<Func<T, Target>>[] targets)
    {
        var names = targets.Length == 0 ? [name!] : targets.Select(TargetDiscovery.TargetName).ToArray();
        foreach (var inherited in names)
        {
            var getter = typeof(T).GetProperty(inherited, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetMethod;
            if (getter is null || getter.IsAbstract || build is not T)
                throw new BuildException($"Target '{name}' inherits {typeof(T).Name}.{inherited}, which {(build is T ? "has no default definition" : "the build does not implement")}.",
                    $"Inherit from an interface the build implements and that defines {inherited} => _ => ...");
            if (getter == property?.GetMethod)
                throw new BuildException($"Target '{name}' inherits itself.", $"Call Inherit<{typeof(T).Name}>() from the class's override, not from {typeof(T).Name}.");
            NonVirtual.GetTarget(getter, build)(this);
        }
        return this;
    }
}
