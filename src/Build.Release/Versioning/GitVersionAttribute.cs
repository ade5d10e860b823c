using System.Reflection;
using Nuke.Common;

namespace GitLabRelease.Versioning;

/// <summary>
/// Injects GitVersion's variables for the commit being built (<see cref="GitVersionInfo"/>). The engine asks only
/// when a target is about to execute, so <c>--help</c>, <c>--plan</c> and tag pipelines never run GitVersion.
/// On a local run that sets the repository up it also seeds a new GitVersion.yml (<see cref="NextVersionSeeder"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class GitVersionAttribute : ValueInjectionAttributeBase, IRepositorySetup
{
    /// <summary>A string member of the same type holding the release tags' prefix, given to GitVersion as its tag prefix.</summary>
    public string? TagPrefixMember { get; set; }

    /// <summary>A member of the same type listing the project files whose declared version a new GitVersion.yml continues from.</summary>
    public string? ProjectFilesMember { get; set; }

    public override async Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
    {
        var request = Request(member, build);
        if (request.IsServerBuild) NextVersionSeeder.ThrowIfPending(request);
        return await new GitVersionRunner(build.Log, build.Tools).GetVersionAsync(request, ct);
    }

    public async Task<bool> SetUpAsync(MemberInfo member, NukeBuild build, CancellationToken cancellationToken)
    {
        var projects = ProjectFilesMember is { } name && member.DeclaringType?.GetProperty(name)?.GetValue(build) is IEnumerable<object> files
            ? files.Select(f => f.ToString()!).ToList()
            : [];
        try
        {
            if (await new NextVersionSeeder(build.Log, build.Tools).SeedAsync(Request(member, build), projects, cancellationToken) is { } seed)
                build.Log.Information("{Seed:l}", seed.Message);
            return true;
        }
        catch (BuildException e)
        {
            build.Log.Information("GitVersion.yml is left as it is for now ({Reason:l}); a later run sets next-version.", e.Message.TrimEnd('.'));
            return false;
        }
    }

    private GitVersionRequest Request(MemberInfo member, NukeBuild build)
    {
        var prefix = TagPrefixMember is { } name ? member.DeclaringType?.GetProperty(name)?.GetValue(build) as string : null;
        INukeBuild nuke = build; // Nuke's NukeBuild has static directory members; the interface's are the run's
        return GitVersionRequest.ForPipeline(nuke.RootDirectory, nuke.TemporaryDirectory, build.Host.IsServerBuild,
            build.Host.GetPipeline(build.EnvironmentVariable), build.EnvironmentVariable) with { TagPrefix = prefix };
    }
}
