using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common.Parameters;

/// <summary>Where values of members without storage go: keyed by declaring type and name, read back by TryGetValue.</summary>
internal static class InjectedValues
{
    public static string Key(MemberInfo member) => $"{member.DeclaringType?.FullName}.{member.Name}";

    /// <summary>The member an expression like <c>() => KmsKeyId</c> (or a converted <c>() => (bool?)Force</c>) reads.</summary>
    public static MemberInfo MemberOf(LambdaExpression expression)
    {
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert) body = convert.Operand;
        return body is MemberExpression { Member: var member } ? member
            : throw new BuildException($"TryGetValue needs a member, not '{expression}'.", "Write [Parameter] string X => TryGetValue(() => X);");
    }

    /// <summary>A property the engine cannot assign: an interface member or a computed (expression-bodied) property.</summary>
    public static bool HasNoStorage(MemberInfo member) =>
        member is PropertyInfo property && property.SetMethod is null
        && (property.DeclaringType!.IsInterface
            || property.DeclaringType.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is null);
}
