using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>What one copy of the test job runs of a test project: all of it (<see cref="Filter"/> null), or the classes
/// a <c>dotnet test --filter</c> names, <see cref="Fraction"/> of the project's tests.</summary>
public sealed record TestShare(AbsolutePath Project, string? Filter, double Fraction, string Description);

/// <summary>
/// Splits a solution's test projects between the parallel copies of a test job, balanced by how long each project
/// took last time (a JSON object of project name to milliseconds, kept by <see cref="Record"/>), else by the number
/// of tests each project's built assembly holds (<see cref="TestInventory"/>), else by count of projects. A project
/// that alone would take more than a copy's fair share is split by test class, so one large project does not decide
/// the job's length: its classes are dealt like projects (weighted by their share of the project's test time last
/// time, kept as "project/class" entries of the same file, when every class has one; else by their share of its
/// tests), and the copy that
/// gets its "rest" runs every test of the project that no listed class matches (a class the inventory missed, a
/// class added since), so each test runs in exactly one copy however good the inventory is.
/// </summary>
public static class TestPartition
{
    private const string Property = "FullyQualifiedName";

    public static IReadOnlyList<TestShare> Select(Partition partition, IReadOnlyList<AbsolutePath> testProjects, AbsolutePath durationsFile,
        Func<AbsolutePath, IReadOnlyList<TestClass>?> inventory)
    {
        var projects = testProjects.OrderBy(p => p.NameWithoutExtension, StringComparer.Ordinal).ToList();
        if (partition.IsSingle) return projects.Select(Whole).ToList();
        var durations = Read(durationsFile);
        var classes = projects.Select(p => inventory(p) ?? []).ToList();
        var byDuration = projects.All(p => durations.ContainsKey(p.NameWithoutExtension));
        var byTests = !byDuration && classes.All(c => c.Count > 0);
        var weights = projects.Select((p, i) => byDuration ? durations[p.NameWithoutExtension] : byTests ? classes[i].Sum(c => c.Tests) : 1.0).ToList();
        var fair = weights.Sum() / partition.Total;

        var units = new List<Unit>();
        for (var i = 0; i < projects.Count; i++)
        {
            var name = projects[i].NameWithoutExtension;
            if (weights[i] <= fair || classes[i].Count < 2)
            {
                units.Add(new Unit(projects[i], name, weights[i], null));
                continue;
            }
            var byTime = byDuration && classes[i].All(c => durations.ContainsKey(name + "/" + c.FullName));
            double Part(TestClass type) => byTime ? durations[name + "/" + type.FullName] : type.Tests;
            var all = classes[i].Sum(Part);
            foreach (var group in Groups(classes[i]))
                units.Add(new Unit(projects[i], name + "/" + group[0].FullName, weights[i] * group.Sum(Part) / all, group));
            // Weight 0: dealt last, to the copy with the least work by then.
            units.Add(new Unit(projects[i], name + "/", 0, []));
        }

        var mine = partition.Select(units, u => u.Key, u => u.Weight);
        return projects
            .Select((project, i) => (Project: project, Classes: classes[i], Mine: mine.Where(u => u.Project == project).ToList()))
            .Where(p => p.Mine.Count > 0)
            .Select(p => Share(p.Project, p.Classes, p.Mine, units.Count(u => u.Project == p.Project)))
            .ToList();
    }

    /// <summary>
    /// Merges this run's durations into the file, keeping the other projects' (another copy of the job ran them), so
    /// whichever copy's file is kept next loses none it found there. A project this copy ran part of is recorded as
    /// the whole project's estimated duration (its time divided by its share of the tests); one it ran only the
    /// unlisted rest of is not recorded. Each class that ran records its tests' summed time; a project run whole drops the
    /// classes it no longer has.
    /// </summary>
    public static void Record(AbsolutePath durationsFile, TestReport report, IReadOnlyList<TestShare>? shares = null)
    {
        if (report.Durations.Count == 0) return;
        var fractions = (shares ?? []).ToDictionary(s => s.Project.NameWithoutExtension, s => s.Fraction, StringComparer.Ordinal);
        var merged = new SortedDictionary<string, long>(Read(durationsFile), StringComparer.Ordinal);
        foreach (var (project, duration) in report.Durations)
        {
            var fraction = fractions.GetValueOrDefault(project, 1.0);
            if (fraction >= 1)
                foreach (var stale in merged.Keys.Where(k => k.StartsWith(project + "/", StringComparison.Ordinal)).ToList())
                    merged.Remove(stale);
            if (fraction > 0) merged[project] = (long)(duration.TotalMilliseconds / fraction);
            // At least 1 ms: 0 would read as unknown.
            foreach (var (type, time) in report.ClassDurations.GetValueOrDefault(project) ?? new Dictionary<string, TimeSpan>())
                merged[project + "/" + type] = Math.Max(1, (long)time.TotalMilliseconds);
        }
        durationsFile.Parent!.CreateDirectory();
        var temporary = durationsFile + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(merged, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, durationsFile, overwrite: true);
    }

    private sealed record Unit(AbsolutePath Project, string Key, double Weight, IReadOnlyList<TestClass>? Classes);

    private static TestShare Whole(AbsolutePath project) => new(project, null, 1, project.NameWithoutExtension);

    private static TestShare Share(AbsolutePath project, IReadOnlyList<TestClass> all, List<Unit> mine, int units)
    {
        if (mine.Count == units) return Whole(project);
        var listed = mine.Where(u => u.Classes is { Count: > 0 }).SelectMany(u => u.Classes!).ToList();
        var rest = mine.Any(u => u.Classes is { Count: 0 });
        var parts = listed.Select(c => $"{Property}~{Escape(c.FullName)}.").ToList();
        if (rest) parts.Add("(" + string.Join("&", all.Select(c => $"{Property}!~{Escape(c.FullName)}.")) + ")");
        var fraction = listed.Sum(c => c.Tests) / (double)all.Sum(c => c.Tests);
        var description = $"{project.NameWithoutExtension} ({listed.Count} of {all.Count} classes{(rest ? ", and any test in no listed class" : "")})";
        return new TestShare(project, string.Join("|", parts), fraction, description);
    }

    /// <summary>
    /// Classes whose filters could match each other's tests ("Name." is contained, ignoring case as the filter does,
    /// in another class's "Name.": A.B and X.A.B) stay together, so no test matches the filters of two copies.
    /// </summary>
    private static List<List<TestClass>> Groups(IReadOnlyList<TestClass> classes)
    {
        var sorted = classes.OrderBy(c => c.FullName, StringComparer.Ordinal).ToList();
        var root = Enumerable.Range(0, sorted.Count).ToArray();
        int Find(int i) => root[i] == i ? i : root[i] = Find(root[i]);
        for (var i = 0; i < sorted.Count; i++)
            for (var j = 0; j < sorted.Count; j++)
                if (i != j && (sorted[j].FullName + ".").Contains(sorted[i].FullName + ".", StringComparison.OrdinalIgnoreCase))
                    root[Find(i)] = Find(j);
        return Enumerable.Range(0, sorted.Count).GroupBy(Find).Select(g => g.Select(i => sorted[i]).ToList()).ToList();
    }

    /// <summary>The test platform's filter escapes: a backslash before each of its operator characters.</summary>
    private static string Escape(string value)
    {
        var escaped = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
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
