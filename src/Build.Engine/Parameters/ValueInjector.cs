using System.Reflection;
using Nuke.Common.Output;

namespace Nuke.Common.Parameters;

/// <summary>
/// Sets members carrying a <see cref="ValueInjectionAttributeBase"/>; the runner calls it only when a target will execute.
/// Fields are set at once; members without storage (component properties read through TryGetValue) on first read.
/// </summary>
internal static class ValueInjector
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static async Task InjectAsync(NukeBuild build, SecretMasker masker, CancellationToken cancellationToken)
    {
        foreach (var (member, attribute) in InjectedMembers(build.GetType()))
        {
            var isSecret = member.IsDefined(typeof(SecretAttribute));
            if (InjectedValues.HasNoStorage(member))
            {
                build.Context.SetLazyInjectedValue(member, async () =>
                {
                    var computed = await attribute.GetValueAsync(member, build, cancellationToken);
                    if (isSecret && computed is string lazySecret) masker.Add(lazySecret);
                    return computed;
                });
                continue;
            }
            var value = await attribute.GetValueAsync(member, build, cancellationToken);
            ParameterMember.SetMember(member, build, value);
            if (isSecret && value is string secret) masker.Add(secret);
        }
    }

    /// <summary>
    /// Lets the injection attributes that own a file in the repository set it up (see <see cref="IRepositorySetup"/>);
    /// false when one could not yet.
    /// </summary>
    public static async Task<bool> SetUpRepositoryAsync(NukeBuild build, CancellationToken cancellationToken)
    {
        var done = true;
        foreach (var (member, attribute) in InjectedMembers(build.GetType()))
            if (attribute is IRepositorySetup setup)
                done &= await setup.SetUpAsync(member, build, cancellationToken);
        return done;
    }

    private static IEnumerable<(MemberInfo Member, ValueInjectionAttributeBase Attribute)> InjectedMembers(Type buildType)
    {
        var types = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(NukeBuild); type = type.BaseType) types.Add(type);
        types.AddRange(ParameterMember.ComponentInterfaces(buildType));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
            foreach (var member in type.GetMembers(Members).Where(m => m is FieldInfo or PropertyInfo).OrderBy(m => m.MetadataToken))
            {
                if (member.GetCustomAttribute<ValueInjectionAttributeBase>(inherit: true) is not { } attribute) continue;
                // A class member of the same name overrides a component's.
                if (!seen.Add(member.Name) && type.IsInterface) continue;
                yield return (member, attribute);
            }
    }
}
