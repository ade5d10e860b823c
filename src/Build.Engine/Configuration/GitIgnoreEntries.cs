using Nuke.Common.IO;
using Serilog;

namespace Nuke.Common.CI;

/// <summary>
/// The lines a build needs in the repository's .gitignore (its temporary folder and its artifacts), added on a local
/// run when missing, so the first run of an adopted build leaves no build output for git to pick up.
/// </summary>
internal static class GitIgnoreEntries
{
    public static readonly IReadOnlyList<string> Required = [".nuke/temp/", "artifacts/"];

    public static void Ensure(AbsolutePath root, ILogger log)
    {
        if (!(root / ".git").DirectoryExists() && !(root / ".git").FileExists()) return; // not a git work tree (or a worktree's .git file)
        var path = root / ".gitignore";
        var existing = path.FileExists() ? File.ReadAllLines(path) : [];
        var present = existing.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var missing = Required.Where(line => !present.Contains(Normalize(line))).ToList();
        if (missing.Count == 0) return;
        var text = path.FileExists() ? File.ReadAllText(path) : "";
        if (text.Length > 0 && !text.EndsWith('\n')) text += "\n";
        File.WriteAllText(path, text + string.Join("\n", missing) + "\n");
        log.Information("Added {Lines:l} to .gitignore; commit it.", string.Join(" and ", missing));
    }

    // ".nuke/temp", "/.nuke/temp/" and ".nuke/temp/" all ignore the folder.
    private static string Normalize(string line) => "/" + line.Trim().TrimStart('/').TrimEnd('/') + "/";
}
