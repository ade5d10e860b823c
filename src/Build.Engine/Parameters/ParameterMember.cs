using System.Reflection;
using Nuke.Common.CommandLine;

namespace Nuke.Common.Parameters;

/// <summary>A [Parameter] field or property of the build.</summary>
internal sealed class ParameterMember(MemberInfo member, ParameterAttribute attribute)
{
    public MemberInfo Member { get; } = member;
    public ParameterAttribute Attribute { get; } = attribute;
    public string Name { get; } = attribute.Name ?? member.Name;
    public string CliName => NameText.ToKebabCase(Name);
    public string EnvironmentName => NameText.ToUpperSnakeCase(Name);
    public string? Description => Attribute.Description;
    public bool IsSecret { get; } = member.IsDefined(typeof(SecretAttribute));
    public Type Type => Member is FieldInfo f ? f.FieldType : ((PropertyInfo)Member).PropertyType;

    public object? GetValue(object build) => Member is FieldInfo field ? field.GetValue(build) : ((PropertyInfo)Member).GetValue(build);

    public void SetValue(object build, object? value) => SetMember(Member, build, value);

    /// <summary>The [Parameter] members of the build; a class member hides a component's of the same name.</summary>
    public static IReadOnlyList<ParameterMember> Discover(Execution.BuildMembers members)
    {
        // A loop, not Where/Select/ToList: LINQ's list builder is generic code ReadyToRun leaves to the JIT (--help).
        var parameters = new List<ParameterMember>();
        foreach (var m in members.All)
            if (!m.IsHidden && m.Member.IsDefined(typeof(ParameterAttribute), false))
                parameters.Add(new ParameterMember(m.Member, m.Member.GetCustomAttribute<ParameterAttribute>()!));
        return parameters;
    }

    /// <summary>Sets readonly fields and init/get-only auto-properties too, as Nuke's injection does.</summary>
    public static void SetMember(MemberInfo member, object target, object? value)
    {
        if (InjectedValues.HasNoStorage(member) && target is NukeBuild build)
        {
            build.Context.SetInjectedValue(member, value);
            return;
        }
        switch (member)
        {
            case FieldInfo field:
                field.SetValue(target, value);
                break;
            case PropertyInfo { SetMethod: not null } property:
                property.SetValue(target, value);
                break;
            case PropertyInfo property:
                var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new BuildException($"Cannot set {property.Name}: it has no setter.", $"Give {property.Name} a setter or make it an auto-property.");
                backing.SetValue(target, value);
                break;
        }
    }
}
