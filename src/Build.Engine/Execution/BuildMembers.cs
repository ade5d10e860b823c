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
            // Sorted in place by token (declaration order): LINQ's OrderBy with an int key is JIT-compiled on every run.
            MemberInfo[] fields = type.GetFields(Declared), properties = type.GetProperties(Declared);
            Array.Sort(fields, ByToken);
            Array.Sort(properties, ByToken);
            foreach (var member in fields.Concat(properties))
            {
                if (member is PropertyInfo property && property.GetIndexParameters().Length > 0) continue;
                // Compiler-generated backing fields are not members a build declares.
                if (member is FieldInfo && member.Name.Contains('<', StringComparison.Ordinal)) continue;
                var name = member.Name[(member.Name.LastIndexOf('.') + 1)..];
                members.Add(new BuildMember(member, name, type.IsInterface, IsHidden: !seen.Add(name)));
            }
        }
        return new BuildMembers(members);
    }

    private static readonly Comparison<MemberInfo> ByToken = static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken);

    // Fewer base components first, then by name (unique, so the unstable sort is deterministic).
    private static readonly Comparison<Type> ByBaseCount = static (a, b) =>
        a.GetInterfaces().Count(IsComponent).CompareTo(b.GetInterfaces().Count(IsComponent)) is var byCount and not 0
            ? byCount
            : string.CompareOrdinal(a.FullName, b.FullName);

    private static IEnumerable<Type> DeclaringTypes(Type buildType)
    {
        for (var type = buildType; type is not null && type != typeof(NukeBuild) && type != typeof(object); type = type.BaseType)
            yield return type;
        // A list, not Where(...).ToArray(): LINQ's array builder is generic code ReadyToRun leaves to the JIT.
        var found = new List<Type>();
        foreach (var type in buildType.GetInterfaces())
            if (IsComponent(type)) found.Add(type);
        var components = found.ToArray();
        Array.Sort(components, ByBaseCount);
        foreach (var component in components) yield return component;
    }

    private static bool IsComponent(Type type) => type != typeof(INukeBuild) && typeof(INukeBuild).IsAssignableFrom(type);
}
