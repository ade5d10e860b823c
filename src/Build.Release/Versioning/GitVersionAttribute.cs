using System.Reflection;
using Nuke.Common;

namespace GitLabRelease.Versioning;

/// <summary>
/// Injects GitVersion's variables for the commit being built (<see cref="GitVersionInfo"/>). The engine asks only
/// when a target is about to execute, so <c>--help</c>, <c>--plan</c> and tag pipelines never run GitVersion.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class GitVersionAttribute : ValueInjectionAttributeBase
{
    /// <summary>A string member of the same type holding the release tags' prefix, given to GitVersion as its tag prefix.</summary>
    public string? TagPrefixMember { get; set; }

    public override async Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
    {
        var prefix = TagPrefixMember is { } name ? member.DeclaringType?.GetProperty(name)?.GetValue(build) as string : null;
        var request = GitVersionRequest.ForPipeline(((INukeBuild)build).RootDirectory, ((INukeBuild)build).TemporaryDirectory, build.Host.IsServerBuild, build.Host.GetPipeline(build.EnvironmentVariable), build.EnvironmentVariable) with { TagPrefix = prefix };
        return await new GitVersionRunner(build.Log, build.Tools).GetVersionAsync(request, ct);
    }
}
