using System.Linq.Expressions;

namespace Nuke.Common;

/// <summary>The fluent DSL of a target, with Nuke's names and semantics.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>Schedules <paramref name="targets"/> and runs them before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Makes <paramref name="targets"/> depend on this one.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Orders this target after <paramref name="targets"/> when both are scheduled; schedules nothing.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Orders this target before <paramref name="targets"/> when both are scheduled; schedules nothing.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Schedules <paramref name="targets"/> to run after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Schedules this target to run after <paramref name="targets"/>.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Conditions evaluated before the build starts; a false one skips the target (reason: its expression).</summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>Conditions evaluated right before the target runs; a false one skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// Like <see cref="OnlyWhenStatic(Expression{Func{bool}}[])"/>, with the skip reason in words (say what to do next).
    /// A plain delegate: the reason replaces the expression's text, so no expression tree is built on every run.
    /// </summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, string reason);

    /// <summary>Like <see cref="OnlyWhenStatic(Func{bool}, string)"/>, with a reason worked out only when the target is skipped (a definition is built on every run, --help included).</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, Func<string> reason);

    /// <summary>Like <see cref="OnlyWhenDynamic(Expression{Func{bool}}[])"/>, with the skip reason in words.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string reason);

    /// <summary>Like <see cref="OnlyWhenDynamic(Func{bool}, string)"/>, with a reason known only once the condition ran (e.g. which tag superseded this commit).</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, Func<string> reason);

    /// <summary>Members that must not be null or empty; checked for all scheduled targets before any runs.</summary>
    ITargetDefinition Requires(params Expression<Func<object?>>[] requirements);

    /// <summary>Conditions that must hold; checked for all scheduled targets before any runs.</summary>
    ITargetDefinition Requires(params Expression<Func<bool>>[] requirements);

    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    /// <summary>When this target fails, the build continues with the next targets (and still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even after an earlier target failed or the build was cancelled.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c>.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Files this target produces (globs relative to the root directory); the CI generator publishes them as artifacts.</summary>
    ITargetDefinition Produces(params string[] artifacts);

    /// <summary>Uses what <paramref name="targets"/> produce: orders this target after them when both are scheduled.</summary>
    ITargetDefinition Consumes(params Target[] targets);

    ITargetDefinition Consumes(Target target, params string[] artifacts);

    ITargetDefinition Consumes<T>(Func<T, Target> target, params string[] artifacts);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    // Component forms (as in Nuke): name a target of an interface the build implements, e.g. DependsOn<ICompile>(x => x.Compile).
    // The plain form fails when the build does not implement T; the Try form is then a no-op.
    // Without a selector (DependsOn<ICompile>()) the form means the one target T declares; it fails when T declares several.

    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets);
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets);
    ITargetDefinition After<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets);
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets);
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets);
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);
    ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>Applies the definition this target overrides in a base class (<c>protected override Target Compile => _ => _.Base().Executes(...)</c>).</summary>
    ITargetDefinition Base();

    /// <summary>
    /// Applies a component's own definition of a target (without a selector: the one target T declares) before what follows,
    /// e.g. <c>Target ICompile.Compile => _ => _.Inherit&lt;ICompile&gt;().Executes(...)</c>.
    /// </summary>
    ITargetDefinition Inherit<T>(params Expression<Func<T, Target>>[] targets);
}
