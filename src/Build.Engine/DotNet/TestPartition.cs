using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>
/// Splits a solution's test projects between the parallel copies of a test job, balanced by how long each project
/// took last time (a JSON object of project name to milliseconds, kept by <see cref="Record"/>), else by count.
/// </summary>
public static class TestPartition
{
    public static IReadOnlyList<AbsolutePath> Select(Partition partition, IReadOnlyList<AbsolutePath> testProjects, AbsolutePath durationsFile)
    {
        var durations = Read(durationsFile);
        return partition.Select(testProjects, p => p.NameWithoutExtension,
            p => durations.TryGetValue(p.NameWithoutExtension, out var ms) ? TimeSpan.FromMilliseconds(ms) : null);
    }

    /// <summary>
    /// Merges this run's durations into the file, keeping the other projects' (another copy of the job ran them), so
    /// whichever copy's file is kept next holds every project.
    /// </summary>
    public static void Record(AbsolutePath durationsFile, IReadOnlyDictionary<string, TimeSpan> durations)
    {
        if (durations.Count == 0) return;
        var merged = new SortedDictionary<string, long>(Read(durationsFile), StringComparer.Ordinal);
        foreach (var (project, duration) in durations) merged[project] = (long)duration.TotalMilliseconds;
        durationsFile.Parent!.CreateDirectory();
        var temporary = durationsFile + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(merged, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, durationsFile, overwrite: true);
    }

    /// <summary>A missing or unreadable file means "no durations known": the split falls back to count.</summary>
    private static Dictionary<string, long> Read(AbsolutePath file)
    {
        if (!file.FileExists()) return new(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(file)) is { } read
                ? new(read.Where(kv => kv.Value > 0), StringComparer.Ordinal)
                : new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new(StringComparer.Ordinal);
        }
    }
}
