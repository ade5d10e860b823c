using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>What one copy of the test job runs of a test project: all of it (<see cref="Filter"/> null), or the classes
/// a <c>dotnet test --filter</c> names, <see cref="Fraction"/> of the project's tests.</summary>
public sealed record TestShare(AbsolutePath Project, string? Filter, double Fraction, string Description);

/// <summary>What the projects were weighed by when they were split.</summary>
public enum TestSplitBasis { None, Durations, TestCounts, ProjectCount }

/// <summary>One copy's shares and what the split was weighed by.</summary>
public sealed record TestSplit(IReadOnlyList<TestShare> Shares, TestSplitBasis Basis)
{
    public string BasisDescription => Basis switch
    {
        TestSplitBasis.Durations => "weighed by the last run's durations",
        TestSplitBasis.TestCounts => "weighed by their numbers of tests, as not every project has a duration yet",
        TestSplitBasis.ProjectCount => "by count of projects, as not every project has a duration or a test inventory",
        _ => "not split",
    };
}

/// <summary>
/// Splits a solution's test projects between the parallel copies of a test job, balanced by how long each project
/// took last time (a folder holding one JSON object of project name to milliseconds per copy of the last run, written
/// by <see cref="Record"/>; together they cover every project the run ran), else by the number
/// of tests each project's built assembly holds (<see cref="TestInventory"/>), else by count of projects. A project
/// that alone would take more than a copy's fair share is split by test class, so one large project does not decide
/// the job's length: its classes are dealt like projects (weighted by their share of the project's test time last
/// time, kept as "project/class" entries of the same files, when every class has one; else by their share of its
/// tests), and the copy that
/// gets its "rest" runs every test of the project that no listed class matches (a class the inventory missed, a
/// class added since), so each test runs in exactly one copy however good the inventory is.
/// </summary>
public static class TestPartition
{
    private const string Property = "FullyQualifiedName";

    public static TestSplit Select(Partition partition, IReadOnlyList<AbsolutePath> testProjects, AbsolutePath durationsDirectory,
        Func<AbsolutePath, IReadOnlyList<TestClass>?> inventory)
    {
        var projects = testProjects.OrderBy(p => p.NameWithoutExtension, StringComparer.Ordinal).ToList();
        if (partition.IsSingle) return new(projects.Select(Whole).ToList(), TestSplitBasis.None);
        var durations = Read(durationsDirectory);
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
        var shares = projects
            .Select((project, i) => (Project: project, Classes: classes[i], Mine: mine.Where(u => u.Project == project).ToList()))
            .Where(p => p.Mine.Count > 0)
            .Select(p => Share(p.Project, p.Classes, p.Mine, units.Count(u => u.Project == p.Project)))
            .ToList();
        return new(shares, byDuration ? TestSplitBasis.Durations : byTests ? TestSplitBasis.TestCounts : TestSplitBasis.ProjectCount);
    }

    /// <summary>
    /// Writes this copy's durations as its file of the folder (<c>&lt;part&gt;-of-&lt;total&gt;.json</c>) and removes the
    /// folder's other files, which came from the last run: the copies of one run leave one file each, which together
    /// are the next run's durations (a CI job collects them; no copy can merge the others', which run elsewhere). A
    /// project this copy ran part of is recorded as the whole project's estimated duration (its time divided by its
    /// share of the tests); one it ran only the unlisted rest of is not. Each class that ran records its tests' summed
    /// time.
    /// </summary>
    public static void Record(AbsolutePath durationsDirectory, Partition partition, TestReport report, IReadOnlyList<TestShare>? shares = null)
    {
        var fractions = (shares ?? []).ToDictionary(s => s.Project.NameWithoutExtension, s => s.Fraction, StringComparer.Ordinal);
        var mine = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (project, duration) in report.Durations)
        {
            var fraction = fractions.GetValueOrDefault(project, 1.0);
            // At least 1 ms: 0 would read as unknown.
            if (fraction > 0) mine[project] = Math.Max(1, (long)(duration.TotalMilliseconds / fraction));
            foreach (var (type, time) in report.ClassDurations.GetValueOrDefault(project) ?? new Dictionary<string, TimeSpan>())
                mine[project + "/" + type] = Math.Max(1, (long)time.TotalMilliseconds);
        }
        durationsDirectory.CreateDirectory();
        var name = $"{partition.Part}-of-{partition.Total}.json";
        foreach (var previous in Directory.EnumerateFiles(durationsDirectory, "*.json"))
            if (Path.GetFileName(previous) != name) File.Delete(previous);
        var file = durationsDirectory / name;
        var temporary = file + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(mine, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, file, overwrite: true);
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

    /// <summary>
    /// The folder's files together. A project that several copies ran part of has an estimate from each: their mean.
    /// A missing folder or an unreadable file means "not known": the split falls back to counts for what it lacks.
    /// </summary>
    private static Dictionary<string, long> Read(AbsolutePath directory)
    {
        var values = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        if (!directory.DirectoryExists()) return new(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            Dictionary<string, long>? read;
            try
            {
                read = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(file));
            }
            catch (JsonException)
            {
                continue;
            }
            foreach (var (key, value) in read ?? [])
                if (value > 0)
                    (values.TryGetValue(key, out var list) ? list : values[key] = []).Add(value);
        }
        return values.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Average(), StringComparer.Ordinal);
    }
}
