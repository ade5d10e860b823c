using Nuke.Common;

namespace Nuke.Components;

public interface IHazConfiguration : INukeBuild
{
    [Parameter("Configuration to build: Debug (default locally) or Release (default on a server)")]
    string Configuration => TryGetValue(() => Configuration) ?? (IsLocalBuild ? "Debug" : "Release");
}
