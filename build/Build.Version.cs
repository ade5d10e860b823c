using Build.Engine;
using Build.Release.Versioning;

namespace BuildScript;

partial class Build
{
    [GitVersion] readonly GitVersionInfo GitVersion = null!;

    Target Version => _ => _
        .Description("Compute the version with GitVersion; write artifacts/version.json and artifacts/version.env")
        .Executes(async () =>
        {
            Log.Information("Version {SemVer:l} ({InformationalVersion:l})", GitVersion.SemVer, GitVersion.InformationalVersion);
            await VersionArtifacts.WriteAsync(GitVersion, ArtifactsDirectory, CancellationToken);
        });
}
