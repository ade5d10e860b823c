using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>
/// Renders a condition the way it was written (<c>IsServerBuild</c>, <c>CI_COMMIT_TAG == null</c>) so skip reasons and
/// requirement failures read like the source, without closure and <c>value(Build)</c> noise.
/// </summary>
internal static class ExpressionText
{
    public static string Render(LambdaExpression lambda) => Render(lambda.Body);

    /// <summary>The member a requirement like <c>() => Version</c> names, if it names one.</summary>
    public static MemberInfo? RequiredMember(LambdaExpression lambda)
    {
        var body = lambda.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert) body = convert.Operand;
        return body is MemberExpression member ? member.Member : null;
    }

    private static string Render(Expression expression) => expression switch
    {
        MemberExpression { Expression: null or ConstantExpression or ParameterExpression } m => m.Member.Name,
        MemberExpression { Expression: MemberExpression inner } m when IsClosure(inner) => m.Member.Name,
        MemberExpression m => $"{Render(m.Expression!)}.{m.Member.Name}",
        ConstantExpression { Value: null } => "null",
        ConstantExpression { Value: string s } => $"\"{s}\"",
        ConstantExpression { Value: bool b } => b ? "true" : "false",
        ConstantExpression c => c.Value?.ToString() ?? "null",
        UnaryExpression { NodeType: ExpressionType.Not } u => $"!{Wrap(u.Operand)}",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Quote } u => Render(u.Operand),
        UnaryExpression u => $"{u.NodeType}({Render(u.Operand)})",
        BinaryExpression b => $"{Wrap(b.Left)} {Operator(b.NodeType)} {Wrap(b.Right)}",
        MethodCallExpression call => RenderCall(call),
        ConditionalExpression c => $"{Wrap(c.Test)} ? {Wrap(c.IfTrue)} : {Wrap(c.IfFalse)}",
        TypeBinaryExpression t => $"{Wrap(t.Expression)} is {t.TypeOperand.Name}",
        _ => expression.ToString(),
    };

    private static bool IsClosure(MemberExpression expression) =>
        expression.Expression is ConstantExpression constant && constant.Type.Name.Contains("DisplayClass", StringComparison.Ordinal);

    private static string RenderCall(MethodCallExpression call)
    {
        var arguments = call.Arguments.AsEnumerable();
        string? target;
        if (call.Object is not null) target = call.Object is ConstantExpression or ParameterExpression ? null : Render(call.Object);
        else if (call.Method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false) && call.Arguments.Count > 0)
        {
            target = Render(call.Arguments[0]);
            arguments = arguments.Skip(1);
        }
        else target = call.Method.DeclaringType?.Name;
        var text = $"{call.Method.Name}({string.Join(", ", arguments.Select(Render))})";
        return target is null ? text : $"{target}.{text}";
    }

    private static string Wrap(Expression expression) =>
        expression is BinaryExpression or ConditionalExpression ? $"({Render(expression)})" : Render(expression);

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.And => "&",
        ExpressionType.Or => "|",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };
}
