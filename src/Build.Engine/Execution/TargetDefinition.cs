using System.Linq.Expressions;

namespace Build.Engine.Execution;

/// <summary>Collects what a target's DSL chain declares; holds no behaviour.</summary>
internal sealed class TargetDefinition : ITargetDefinition
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

    /// <summary>Why a false condition skips the target: the given reason, else the condition's own text.</summary>
    public string SkipReason(Expression<Func<bool>> condition) =>
        ConditionReasons.TryGetValue(condition, out var reason) ? reason : ExpressionText.Render(condition);
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
}
