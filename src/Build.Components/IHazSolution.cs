using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

public interface IHazSolution : INukeBuild
{
    [Parameter("Solution to restore, build and test, relative to the root directory")]
    AbsolutePath? Solution => TryGetValue(() => Solution);

    /// <summary>The Solution parameter, else the only *.sln or *.slnx in the root directory.</summary>
    AbsolutePath SolutionFile => Solution ?? SolutionLocator.FindIn(RootDirectory);
}
