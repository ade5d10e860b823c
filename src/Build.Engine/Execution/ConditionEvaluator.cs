using System.Linq.Expressions;

namespace Nuke.Common.Execution;

internal static class ConditionEvaluator
{
    // Interpretation avoids emitting IL for conditions that run once; much cheaper at startup.
    public static bool Evaluate(Expression<Func<bool>> condition) => condition.Compile(preferInterpretation: true)();

    public static object? Evaluate(LambdaExpression expression) => expression.Compile(preferInterpretation: true).DynamicInvoke();
}
