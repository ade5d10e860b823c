using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

internal static class SolutionLocator
{
    /// <summary>The only solution in the root, or null when there is none or more than one.</summary>
    public static AbsolutePath? TryFindIn(AbsolutePath root) => Solutions(root) is [var only] ? AbsolutePath.Create(only) : null;

    private static List<string> Solutions(AbsolutePath root) =>
        Directory.GetFiles(root, "*.sln").Concat(Directory.GetFiles(root, "*.slnx")).Order(StringComparer.Ordinal).ToList();

    public static AbsolutePath FindIn(AbsolutePath root)
    {
        var solutions = Solutions(root);
        return solutions.Count == 1
            ? AbsolutePath.Create(solutions[0])
            : throw new BuildException(
                solutions.Count == 0 ? $"No solution file (*.sln, *.slnx) in {root}." : $"More than one solution file in {root}: {string.Join(", ", solutions.Select(Path.GetFileName))}.",
                "Set \"Solution\" in .nuke/parameters.json (or pass --solution <file>).");
    }
}
