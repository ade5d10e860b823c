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
    public List<TargetCondition> StaticConditions { get; } = [];
    public List<TargetCondition> DynamicConditions { get; } = [];
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
    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) { StaticConditions.AddRange(conditions.Select(TargetCondition.Of)); return this; }
    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) { DynamicConditions.AddRange(conditions.Select(TargetCondition.Of)); return this; }
    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string reason) { StaticConditions.Add(TargetCondition.Of(condition, reason)); return this; }
    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, Func<string> reason) { StaticConditions.Add(TargetCondition.Of(condition, reason)); return this; }
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string reason) { DynamicConditions.Add(TargetCondition.Of(condition, reason)); return this; }
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, Func<string> reason) { DynamicConditions.Add(TargetCondition.Of(condition, reason)); return this; }

    public ITargetDefinition Requires(params Expression<Func<object?>>[] requirements) { Requirements.AddRange(requirements); return this; }
    public ITargetDefinition Requires(params Expression<Func<bool>>[] requirements) { Requirements.AddRange(requirements); return this; }
    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior) { DependencyBehavior = dependencyBehavior; return this; }
    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }

    /// <summary>Files the target produces (globs relative to the root), as Nuke's Produces; CI generators publish them.</summary>
    public List<string> ArtifactProducts { get; } = [];

    public ITargetDefinition Produces(params string[] artifacts) { ArtifactProducts.AddRange(artifacts); return this; }

    // Consumes orders this target after the producers (as Nuke schedules them); the files themselves travel by CI artifacts.
    public ITargetDefinition Consumes(params Target[] targets) => After(targets);

    public ITargetDefinition Consumes(Target target, params string[] artifacts) => After(target);

    public ITargetDefinition Consumes<T>(Func<T, Target> target, params string[] artifacts) => TryAfter(target);

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
            // As in Nuke, no selector is the shorthand for T's only target: DependsOn<ICompile>() means ICompile.Compile.
            list.AddRange(targets.Length > 0
                ? targets.Select(select => select(component))
                : [(Target?)SingleTarget<T>($"{verb}<{typeof(T).Name}>()").GetValue(component)
                    ?? throw new BuildException($"{typeof(T).Name}'s target is null.", "Give the target a definition.")]);
        else if (!optional)
            throw new BuildException($"Target '{name}' uses {verb}<{typeof(T).Name}>, but the build does not implement {typeof(T).Name}.",
                $"Add {typeof(T).Name} to the build class's interfaces, or use Try{verb}<{typeof(T).Name}> when the target is optional.");
        return this;
    }

    /// <summary>The one target <typeparamref name="T"/> itself declares, for the selector-less shorthand forms.</summary>
    private PropertyInfo SingleTarget<T>(string usage)
    {
        var declared = typeof(T).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(property => property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0)
            .ToList();
        if (declared.Count == 1)
            return declared[0];
        var shortName = typeof(T).Name;
        throw new BuildException(
            declared.Count == 0
                ? $"Target '{name}' uses {usage}, but {shortName} declares no target."
                : $"Target '{name}' uses {usage}, but {shortName} declares {declared.Count} targets ({string.Join(", ", declared.Select(p => p.Name))}), so the shorthand is ambiguous.",
            declared.Count == 0
                ? $"Name the target: {usage.Replace("()", "", StringComparison.Ordinal)}(x => x.SomeTarget), from the interface that declares it."
                : $"Name the target: {usage.Replace("()", "", StringComparison.Ordinal)}(x => x.{declared[0].Name}).");
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
        if (build is not T)
            throw new BuildException($"Target '{name}' inherits from {typeof(T).Name}, which the build does not implement.",
                $"Add {typeof(T).Name} to the build class's interfaces.");
        // As in Nuke, Inherit<T>() without a selector inherits T's only target.
        var getters = targets.Length == 0
            ? [SingleTarget<T>($"Inherit<{typeof(T).Name}>()").GetMethod!]
            : targets.Select(target => typeof(T).GetProperty(TargetDiscovery.TargetName(target), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetMethod
                ?? throw new BuildException($"Target '{name}' inherits {typeof(T).Name}.{TargetDiscovery.TargetName(target)}, which {typeof(T).Name} does not declare.",
                    $"Inherit from the interface that declares the target.")).ToArray();
        foreach (var getter in getters)
        {
            if (getter.IsAbstract)
                throw new BuildException($"Target '{name}' inherits {typeof(T).Name}.{getter.Name[4..]}, which has no default definition.",
                    $"Inherit from an interface that defines {getter.Name[4..]} => _ => ...");
            if (getter == property?.GetMethod)
                throw new BuildException($"Target '{name}' inherits itself.", $"Call Inherit<{typeof(T).Name}>() from the class's override, not from {typeof(T).Name}.");
            NonVirtual.GetTarget(getter, build)(this);
        }
        return this;
    }
}
