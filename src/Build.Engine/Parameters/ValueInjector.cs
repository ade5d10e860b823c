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

    /// <summary>
    /// Lets the injection attributes that own a file in the repository set it up (see <see cref="IRepositorySetup"/>);
    /// false when one could not yet.
    /// </summary>
    public static async Task<bool> SetUpRepositoryAsync(NukeBuild build, Execution.BuildMembers members, CancellationToken cancellationToken)
    {
        var done = true;
        foreach (var candidate in members.All.Where(m => !(m.IsHidden && m.FromComponent)))
            if (candidate.Member.GetCustomAttribute<ValueInjectionAttributeBase>(inherit: true) is IRepositorySetup setup)
                done &= await setup.SetUpAsync(candidate.Member, build, cancellationToken);
        return done;
    }
}
