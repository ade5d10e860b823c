using System.Reflection;
using Nuke.Common.CommandLine;

namespace Nuke.Common.Parameters;

/// <summary>A [Parameter] field or property of the build.</summary>
internal sealed class ParameterMember(MemberInfo member, ParameterAttribute attribute)
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

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

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var result = new List<ParameterMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            // Fields and properties are listed in declaration order; IsDefined is much cheaper than reading attributes.
            foreach (MemberInfo member in type.GetFields(Members | BindingFlags.DeclaredOnly))
                if (member.IsDefined(typeof(ParameterAttribute), false) && seen.Add(member.Name))
                    result.Add(new ParameterMember(member, member.GetCustomAttribute<ParameterAttribute>()!));
            foreach (MemberInfo member in type.GetProperties(Members | BindingFlags.DeclaredOnly))
                if (member.IsDefined(typeof(ParameterAttribute), false) && seen.Add(member.Name))
                    result.Add(new ParameterMember(member, member.GetCustomAttribute<ParameterAttribute>()!));
        }
        // Components: [Parameter] properties of the interfaces the build implements; a class member of the same name wins.
        foreach (var type in ComponentInterfaces(buildType))
            foreach (MemberInfo member in type.GetProperties(Members | BindingFlags.DeclaredOnly))
                if (member.IsDefined(typeof(ParameterAttribute), false) && seen.Add(member.Name))
                    result.Add(new ParameterMember(member, member.GetCustomAttribute<ParameterAttribute>()!));
        return result;
    }

    /// <summary>
    /// The interfaces extending <see cref="INukeBuild"/> that a build implements, in a stable order that puts a component
    /// after the ones it builds on (fewer base components first), so --help reads Restore, Compile, Test, ...
    /// </summary>
    public static IEnumerable<Type> ComponentInterfaces(Type buildType) =>
        buildType.GetInterfaces().Where(IsComponent)
            .OrderBy(i => i.GetInterfaces().Count(IsComponent)).ThenBy(i => i.FullName, StringComparer.Ordinal);

    private static bool IsComponent(Type type) => type != typeof(INukeBuild) && typeof(INukeBuild).IsAssignableFrom(type);

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
                var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", Members)
                    ?? throw new BuildException($"Cannot set {property.Name}: it has no setter.", $"Give {property.Name} a setter or make it an auto-property.");
                backing.SetValue(target, value);
                break;
        }
    }
}
