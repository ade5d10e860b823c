using Nuke.Common.Tools.DotNet;
using GitLabRelease.Versioning;

namespace Nuke.Components;

internal static class VersionSettingsExtensions
{
    /// <summary>The MSBuild properties that stamp assemblies and packages with the computed version.</summary>
    public static T SetVersionProperties<T>(this T settings, GitVersionInfo version) where T : DotNetToolSettings =>
        AssemblyVersionProperties.For(version).Aggregate(settings, (s, p) => s.SetProperty(p.Key, p.Value));
}
