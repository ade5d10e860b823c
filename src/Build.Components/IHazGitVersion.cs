using Nuke.Common;
using Nuke.Common.IO;
using GitLabRelease.Versioning;

namespace Nuke.Components;

/// <summary>The GitVersion variables of the commit being built, computed only when a target is about to run.</summary>
public interface IHazGitVersion : IHazArtifacts
{
    [Parameter("Prefix of release tags; also GitVersion's tag prefix, so versions continue from the last release tag")]
    string TagPrefix => TryGetValue(() => TagPrefix) ?? "v";

    [GitVersion(TagPrefixMember = nameof(TagPrefix), ProjectFilesMember = nameof(VersionedProjectFiles))]
    GitVersionInfo GitVersion => TryGetValue(() => GitVersion)
        ?? throw new BuildException("GitVersion was read before any target started.", "Read GitVersion inside Executes(...), not in static conditions.");

    /// <summary>The same variables with Nuke's type and member name (<c>IHazGitVersion.Versioning</c>).</summary>
    Nuke.Common.Tools.GitVersion.GitVersion Versioning => GitVersion;

    /// <summary>The projects whose declared &lt;Version&gt; a new GitVersion.yml continues from: the solution's, when the build has one.</summary>
    IEnumerable<AbsolutePath> VersionedProjectFiles =>
        this is IHazSolution hazSolution && (hazSolution.Solution ?? SolutionLocator.TryFindIn(RootDirectory)) is { } solution && File.Exists(solution)
            ? Nuke.Common.Tools.DotNet.SolutionFile.Projects(solution)
            : [];

    Target Version => _ => _
        .Description("Compute the version with GitVersion; write artifacts/version.json and artifacts/version.env")
        .Executes(() =>
        {
            Log.Information("Version {SemVer:l} ({InformationalVersion:l})", GitVersion.SemVer, GitVersion.InformationalVersion);
            VersionArtifacts.Write(GitVersion, ArtifactsDirectory);
        });
}
