using System.Reflection;
using Nuke.Common.Output;

namespace Nuke.Common.Parameters;

/// <summary>
/// Sets members carrying a <see cref="ValueInjectionAttributeBase"/>; the runner calls it only when a target will execute.
/// Fields are set at once; members without storage (component properties read through TryGetValue) on first read.
/// </summary>
internal static class ValueInjector
{
    public static async Task InjectAsync(NukeBuild build, Execution.BuildMembers members, SecretMasker masker, CancellationToken cancellationToken)
    {
        // A class member of the same name overrides a component's.
        foreach (var candidate in members.All.Where(m => !(m.IsHidden && m.FromComponent)))
        {
            var member = candidate.Member;
            if (member.GetCustomAttribute<ValueInjectionAttributeBase>(inherit: true) is not { } attribute) continue;
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
}
