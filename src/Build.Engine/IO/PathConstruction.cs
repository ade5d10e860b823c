using Microsoft.Extensions.FileSystemGlobbing;

namespace Nuke.Common.IO;

/// <summary>
/// Nuke's path helpers: globbing (<c>RootDirectory.GlobFiles("**/*.csproj")</c>) and the static forms older builds
/// import with <c>using static Nuke.Common.IO.PathConstruction;</c>. Patterns are relative to the directory,
/// <c>**</c> spans directories, results are sorted so a build does the same thing on every machine.
/// </summary>
public static class PathConstruction
{
    public static IReadOnlyCollection<AbsolutePath> GlobFiles(this AbsolutePath directory, params string[] patterns)
    {
        if (!directory.DirectoryExists()) return [];
        var matcher = Matcher(patterns);
        return matcher.GetResultsInFullPath(directory).Select(AbsolutePath.Create).Distinct().OrderBy(p => (string)p, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyCollection<AbsolutePath> GlobDirectories(this AbsolutePath directory, params string[] patterns)
    {
        if (!directory.DirectoryExists()) return [];
        // The matcher only enumerates files, so directories are matched as paths in memory.
        var all = Directory.EnumerateDirectories(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 });
        var result = Matcher(patterns).Match(directory, all);
        return result.Files.Select(f => directory / f.Path).Distinct().OrderBy(p => (string)p, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyCollection<string> GlobFiles(string directory, params string[] patterns) =>
        AbsolutePath.Create(Path.GetFullPath(directory)).GlobFiles(patterns).Select(p => (string)p).ToList();

    public static IReadOnlyCollection<string> GlobDirectories(string directory, params string[] patterns) =>
        AbsolutePath.Create(Path.GetFullPath(directory)).GlobDirectories(patterns).Select(p => (string)p).ToList();

    public static string Combine(string left, string right) => Path.GetFullPath(Path.Combine(left, right));

    public static bool HasPathRoot(string path) => Path.IsPathRooted(path);

    public static string GetRelativePath(string basePath, string destinationPath) => Path.GetRelativePath(basePath, destinationPath);

    public static bool IsDescendantPath(string basePath, string destinationPath)
    {
        var relative = Path.GetRelativePath(basePath, destinationPath);
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static Matcher Matcher(string[] patterns)
    {
        if (patterns.Length == 0) throw new ArgumentException("Give at least one glob pattern (e.g. \"**/*.csproj\").", nameof(patterns));
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in patterns)
            if (pattern.StartsWith('!')) matcher.AddExclude(pattern[1..]);
            else matcher.AddInclude(pattern);
        return matcher;
    }
}
