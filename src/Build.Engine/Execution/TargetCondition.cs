using System.Linq.Expressions;

namespace Nuke.Common.Execution;

/// <summary>
/// One OnlyWhenStatic/OnlyWhenDynamic condition of a target: how it is checked, why a false one skips the target, and
/// how the plan shows it. Nuke's form is an expression, whose text is the reason; a condition given with a reason in
/// words is a plain delegate, so defining the target (on every run, --help included) builds no expression tree.
/// </summary>
internal sealed class TargetCondition
{
    private readonly Func<bool> _isMet;
    private readonly Func<string> _reason;
    private readonly Func<string> _text;

    private TargetCondition(Func<bool> isMet, Func<string> reason, Func<string> text) => (_isMet, _reason, _text) = (isMet, reason, text);

    public static TargetCondition Of(Expression<Func<bool>> expression) =>
        new(() => ConditionEvaluator.Evaluate(expression), () => ExpressionText.Render(expression), () => ExpressionText.Render(expression));

    public static TargetCondition Of(Func<bool> condition, string reason) => new(condition, () => reason, () => $"its condition holds (else: {reason})");

    /// <summary>A reason worked out only when the target is skipped (it may need what only a false condition implies).</summary>
    public static TargetCondition Of(Func<bool> condition, Func<string> reason) => new(condition, reason, () => "its condition holds");

    public bool IsMet() => _isMet();

    /// <summary>Why the target is skipped when <see cref="IsMet"/> was false.</summary>
    public string SkipReason() => _reason();

    /// <summary>What the plan prints after "only when".</summary>
    public string Text => _text();
}
