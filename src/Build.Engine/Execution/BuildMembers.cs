using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>One field or property of a build, from its class (or a base class) or from a component interface.</summary>
/// <param name="Name">The member's name; an explicit implementation <c>Target ICompile.Compile</c> is <c>Compile</c>.</param>
/// <param name="IsHidden">An earlier member (the class's, or an earlier component's) has the same name and wins.</param>
internal sealed record BuildMember(MemberInfo Member, string Name, bool FromComponent, bool IsHidden);

/// <summary>
/// The one walk over a build's members that targets, parameters and injected values are found in: the class and its
/// bases (up to <see cref="NukeBuild"/>), then the component interfaces it implements (fewer base components first, so
/// --help reads Restore, Compile, Test, ...); per type its fields, then its properties, in declaration order.
/// </summary>
internal sealed class BuildMembers
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private BuildMembers(IReadOnlyList<BuildMember> all) => All = all;

    public IReadOnlyList<BuildMember> All { get; }

    /// <summary>Members carrying <typeparamref name="TAttribute"/> (or a subclass of it).</summary>
    public IEnumerable<BuildMember> With<TAttribute>() where TAttribute : Attribute =>
        All.Where(m => m.Member.IsDefined(typeof(TAttribute), inherit: true));

    public static BuildMembers Of(Type buildType)
    {
        var members = new List<BuildMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in DeclaringTypes(buildType))
        {
            var declared = type.GetFields(Declared).Cast<MemberInfo>().OrderBy(m => m.MetadataToken)
                .Concat(type.GetProperties(Declared).Where(p => p.GetIndexParameters().Length == 0).OrderBy(m => m.MetadataToken));
            foreach (var member in declared)
            {
                // Compiler-generated backing fields are not members a build declares.
                if (member is FieldInfo && member.Name.Contains('<', StringComparison.Ordinal)) continue;
                var name = member.Name[(member.Name.LastIndexOf('.') + 1)..];
                members.Add(new BuildMember(member, name, type.IsInterface, IsHidden: !seen.Add(name)));
            }
        }
        return new BuildMembers(members);
    }

    private static IEnumerable<Type> DeclaringTypes(Type buildType)
    {
        for (var type = buildType; type is not null && type != typeof(NukeBuild) && type != typeof(object); type = type.BaseType)
            yield return type;
        foreach (var component in buildType.GetInterfaces().Where(IsComponent)
                     .OrderBy(i => i.GetInterfaces().Count(IsComponent)).ThenBy(i => i.FullName, StringComparer.Ordinal))
            yield return component;
    }

    private static bool IsComponent(Type type) => type != typeof(INukeBuild) && typeof(INukeBuild).IsAssignableFrom(type);
}
