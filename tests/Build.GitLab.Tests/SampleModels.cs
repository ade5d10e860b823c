using Nuke.Common.CI;

namespace GitLabCI.Tests;

/// <summary>Build models shaped like the release flow's targets, as the engine would describe a build.</summary>
internal static class SampleModels
{
    public static BuildModel Contract(bool versionNeedsRestore = false) => new("/repo",
    [
        Target("Restore"),
        Target("Compile", "Restore"),
        Target("Test", "Compile"),
        versionNeedsRestore ? Target("Version", "Restore") : Target("Version"),
        Target("DecryptDeployKey"),
        Target("Tag", "Test", "Version"),
        Target("Push", "Tag", "DecryptDeployKey"),
        Target("CreateDeployKey"),
        Target("Preflight"),
    ], []);

    public static TargetInfo Target(string name, params string[] dependsOn) => new(name, null, dependsOn, false);
}
