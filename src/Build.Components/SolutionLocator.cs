using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

internal static class SolutionLocator
{
    public static AbsolutePath FindIn(AbsolutePath root)
    {
        var solutions = Directory.GetFiles(root, "*.sln").Concat(Directory.GetFiles(root, "*.slnx")).Order(StringComparer.Ordinal).ToList();
        return solutions.Count == 1
            ? AbsolutePath.Create(solutions[0])
            : throw new BuildException(
                solutions.Count == 0 ? $"No solution file (*.sln, *.slnx) in {root}." : $"More than one solution file in {root}: {string.Join(", ", solutions.Select(Path.GetFileName))}.",
                "Set \"Solution\" in .nuke/parameters.json (or pass --solution <file>).");
    }
}
