namespace Fixtures;

/// <summary>What runs on this machine, read from /proc: for "the build ended its children" checks.</summary>
public static class Processes
{
    public static string UserId { get; } = File.ReadAllLines("/proc/self/status")
        .First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);

    /// <summary>The command lines (NULs as spaces) of live processes that contain <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> CommandLinesContaining(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal)) found.Add($"{pid}: {commandLine}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }
}
