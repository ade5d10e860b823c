using Build.Engine;

namespace Build.Components;

/// <summary>Where the build writes what it produces: test results, coverage, version files, packages.</summary>
public interface IHazArtifacts : INukeBuild
{
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
}
