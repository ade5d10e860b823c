using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

/// <summary>Where the build writes what it produces: test results, coverage, version files, packages.</summary>
public interface IHazArtifacts : INukeBuild
{
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
}
