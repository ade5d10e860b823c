using System.Text.Json;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tools.DotNet;

namespace Engine.Tests;

public sealed class TestPartitionTests : IDisposable
{
    private readonly AbsolutePath _directory = (AbsolutePath)Directory.CreateTempSubdirectory("test-partition").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A durations folder holding one file per copy of the last run.</summary>
    private AbsolutePath Durations(params string[] copies)
    {
        var directory = _directory / "test-durations";
        Directory.CreateDirectory(directory);
        for (var i = 0; i < copies.Length; i++)
            File.WriteAllText(directory / $"{i + 1}-of-{copies.Length}.json", copies[i]);
        return directory;
    }

    private AbsolutePath NoDurations => _directory / "none";

    private AbsolutePath Project(string name) => _directory / name / $"{name}.csproj";

    private static Func<AbsolutePath, IReadOnlyList<TestClass>?> Inventory(Dictionary<string, TestClass[]?> classes) =>
        project => classes[project.NameWithoutExtension];

    [Fact]
    public void Without_durations_the_projects_are_balanced_by_their_number_of_tests()
    {
        var projects = new[] { Project("A.Tests"), Project("B.Tests"), Project("C.Tests") };
        var inventory = Inventory(new()
        {
            ["A.Tests"] = [new("A.Tests.One", 6)],
            ["B.Tests"] = [new("B.Tests.One", 4)],
            ["C.Tests"] = [new("C.Tests.One", 2)],
        });

        var first = TestPartition.Select(new Partition(1, 2), projects, NoDurations, inventory);
        var second = TestPartition.Select(new Partition(2, 2), projects, NoDurations, inventory);

        Assert.Equal(["A.Tests"], first.Shares.Select(s => s.Project.NameWithoutExtension));
        Assert.Equal(["B.Tests", "C.Tests"], second.Shares.Select(s => s.Project.NameWithoutExtension));
        Assert.All(first.Shares.Concat(second.Shares), s => Assert.Null(s.Filter));
        Assert.Equal(TestSplitBasis.TestCounts, first.Basis);
    }

    [Fact]
    public void Without_an_inventory_for_every_project_the_projects_are_balanced_by_count()
    {
        var projects = new[] { Project("A.Tests"), Project("B.Tests"), Project("C.Tests") };
        var inventory = Inventory(new() { ["A.Tests"] = [new("A.Tests.One", 6)], ["B.Tests"] = null, ["C.Tests"] = [new("C.Tests.One", 2)] });

        var first = TestPartition.Select(new Partition(1, 2), projects, NoDurations, inventory);

        Assert.Equal(["A.Tests", "C.Tests"], first.Shares.Select(s => s.Project.NameWithoutExtension));
        Assert.Equal(["B.Tests"], TestPartition.Select(new Partition(2, 2), projects, NoDurations, inventory).Shares.Select(s => s.Project.NameWithoutExtension));
        Assert.Equal(TestSplitBasis.ProjectCount, first.Basis);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_project_longer_than_a_fair_share_is_split_by_class_and_each_class_and_the_rest_go_to_one_copy(int total)
    {
        var projects = new[] { Project("Big.Tests"), Project("Small.Tests"), Project("Tiny.Tests") };
        TestClass[] big =
        [
            new("Big.Tests.Deploy", 10), new("Big.Tests.Push", 8), new("Big.Tests.Notes", 6), new("Big.Tests.Version", 4),
            // "Big.Tests.Push." is contained in this one's tests' names: a copy given only one of them would run its tests twice.
            new("Other.Big.Tests.Push", 2),
        ];
        var inventory = Inventory(new() { ["Big.Tests"] = big, ["Small.Tests"] = [new("Small.Tests.One", 3)], ["Tiny.Tests"] = [new("Tiny.Tests.One", 1)] });
        var durations = Durations("""{ "Big.Tests": 60000, "Small.Tests": 8000, "Tiny.Tests": 2000 }""");

        var parts = Enumerable.Range(1, total).Select(p => TestPartition.Select(new Partition(p, total), projects, durations, inventory).Shares).ToList();

        foreach (var whole in new[] { "Small.Tests", "Tiny.Tests" })
        {
            var holding = parts.Where(p => p.Any(s => s.Project.NameWithoutExtension == whole)).ToList();
            Assert.Single(holding);
            Assert.Null(holding[0].Single(s => s.Project.NameWithoutExtension == whole).Filter);
        }
        var bigShares = parts.SelectMany(p => p.Where(s => s.Project.NameWithoutExtension == "Big.Tests")).ToList();
        Assert.Equal(total, bigShares.Count);
        var filters = bigShares.Select(s => s.Filter!).ToList();
        Assert.All(filters, Assert.NotNull);
        // Every class's positive term is in exactly one copy's filter; the rest (every class negated) in exactly one.
        foreach (var type in big)
            Assert.Single(filters, f => f.Split('|').Contains($"FullyQualifiedName~{type.FullName}."));
        var rest = "(" + string.Join("&", big.Select(c => $"FullyQualifiedName!~{c.FullName}.")) + ")";
        Assert.Single(filters, f => f.Split('|').Contains(rest));
        Assert.Single(filters, f => f.Contains("FullyQualifiedName~Big.Tests.Push.") && f.Contains("FullyQualifiedName~Other.Big.Tests.Push."));
        Assert.Equal(1.0, bigShares.Sum(s => s.Fraction), 9);
    }

    [Fact]
    public void A_project_within_its_fair_share_stays_whole_in_one_copy()
    {
        var projects = new[] { Project("A.Tests"), Project("B.Tests") };
        var inventory = Inventory(new() { ["A.Tests"] = [new("A.Tests.One", 3), new("A.Tests.Two", 3)], ["B.Tests"] = [new("B.Tests.One", 5)] });
        var durations = Durations("""{ "A.Tests": 5000, "B.Tests": 5000 }""");

        var shares = Enumerable.Range(1, 2).SelectMany(p => TestPartition.Select(new Partition(p, 2), projects, durations, inventory).Shares).ToList();

        Assert.Equal(["A.Tests", "B.Tests"], shares.Select(s => s.Project.NameWithoutExtension).Order());
        Assert.All(shares, s => Assert.Null(s.Filter));
    }

    [Fact]
    public void The_builds_own_filter_and_the_share_both_apply()
    {
        var run = new DotNetTestRun(Project("A.Tests"), "Release", _directory / "results", _directory / "coverage")
        {
            Filters = new Dictionary<string, string> { [Project("A.Tests")] = "FullyQualifiedName~A.Tests.One." },
        };

        Assert.Equal("(Category!=Slow)&(FullyQualifiedName~A.Tests.One.)", run.FilterFor(Project("A.Tests"), "Category!=Slow"));
        Assert.Equal("FullyQualifiedName~A.Tests.One.", run.FilterFor(Project("A.Tests"), null));
        Assert.Equal("Category!=Slow", run.FilterFor(Project("B.Tests"), "Category!=Slow"));
        Assert.Null(run.FilterFor(Project("B.Tests"), null));
    }

    [Fact]
    public void A_split_project_deals_its_classes_by_their_last_test_time_when_every_class_has_one()
    {
        var projects = new[] { Project("Big.Tests"), Project("Small.Tests") };
        // By number of tests Slow would weigh least; by its time it fills one copy alone.
        var inventory = Inventory(new()
        {
            ["Big.Tests"] = [new("Big.Tests.Slow", 2), new("Big.Tests.Fast1", 10), new("Big.Tests.Fast2", 10)],
            ["Small.Tests"] = [new("Small.Tests.One", 3)],
        });
        var durations = Durations("""
            { "Big.Tests": 60000, "Big.Tests/Big.Tests.Slow": 40000, "Big.Tests/Big.Tests.Fast1": 10000, "Big.Tests/Big.Tests.Fast2": 10000, "Small.Tests": 8000 }
            """);

        var first = TestPartition.Select(new Partition(1, 2), projects, durations, inventory);

        Assert.Equal("FullyQualifiedName~Big.Tests.Slow.", Assert.Single(first.Shares).Filter);
        Assert.Equal(TestSplitBasis.Durations, first.Basis);
    }

    [Fact]
    public void The_copies_files_are_read_together_and_several_estimates_of_one_project_are_averaged()
    {
        var projects = new[] { Project("A.Tests"), Project("B.Tests"), Project("C.Tests") };
        var inventory = Inventory(new() { ["A.Tests"] = [new("A.Tests.One", 1)], ["B.Tests"] = [new("B.Tests.One", 1)], ["C.Tests"] = [new("C.Tests.One", 1)] });
        // Neither file alone has every project. A's two estimates average to 6: equal to B, so A and then C (ties go to
        // the lower copy) land in copy 1. Taking A's larger estimate would leave C to copy 2, its smaller one A.
        var durations = Durations("""{ "A.Tests": 10000, "C.Tests": 1000 }""", """{ "A.Tests": 2000, "B.Tests": 6000 }""");

        var first = TestPartition.Select(new Partition(1, 2), projects, durations, inventory);

        Assert.Equal(TestSplitBasis.Durations, first.Basis);
        Assert.Equal(["A.Tests", "C.Tests"], first.Shares.Select(s => s.Project.NameWithoutExtension));
    }

    [Fact]
    public void A_copy_records_its_own_file_alone_with_the_whole_projects_estimated_duration_and_the_rest_alone_records_nothing()
    {
        // The last run's files (of three copies, then) are replaced: this copy's file is its share of the next run's durations.
        var directory = Durations("""{ "Other.Tests": 1234 }""", """{ "Rest.Tests": 9000 }""", """{ "Whole.Tests/Whole.Tests.Gone": 5 }""");
        TestShare[] shares =
        [
            new(Project("Half.Tests"), "FullyQualifiedName~Half.Tests.A.", 0.5, "Half.Tests"),
            new(Project("Rest.Tests"), "(FullyQualifiedName!~Rest.Tests.A.)", 0, "Rest.Tests"),
            new(Project("Whole.Tests"), null, 1, "Whole.Tests"),
        ];
        var report = new TestReport(new TestCounts(3, 0, 0), null, [])
        {
            Durations = new Dictionary<string, TimeSpan>
            {
                ["Half.Tests"] = TimeSpan.FromSeconds(10), ["Rest.Tests"] = TimeSpan.FromSeconds(1), ["Whole.Tests"] = TimeSpan.FromSeconds(3),
            },
            ClassDurations = new Dictionary<string, IReadOnlyDictionary<string, TimeSpan>>
            {
                ["Half.Tests"] = new Dictionary<string, TimeSpan> { ["Half.Tests.A"] = TimeSpan.FromSeconds(4) },
                ["Whole.Tests"] = new Dictionary<string, TimeSpan> { ["Whole.Tests.Quick"] = TimeSpan.Zero },
            },
        };

        TestPartition.Record(directory, new Partition(2, 2), report, shares);

        Assert.Equal(["2-of-2.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
        Assert.Equal(new Dictionary<string, long>
        {
            ["Half.Tests"] = 20000, ["Half.Tests/Half.Tests.A"] = 4000, ["Whole.Tests"] = 3000, ["Whole.Tests/Whole.Tests.Quick"] = 1,
        }, JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(directory / "2-of-2.json")));
    }

    [Fact]
    public void A_copy_that_ran_no_project_still_records_its_empty_file()
    {
        var directory = _directory / "fresh";

        TestPartition.Record(directory, new Partition(3, 3), new TestReport(new TestCounts(0, 0, 0), null, []));

        Assert.Equal("{}", File.ReadAllText(directory / "3-of-3.json"));
    }

    [Fact]
    public void A_junit_files_test_time_is_summed_by_class()
    {
        var file = _directory / "A.Tests.xml";
        File.WriteAllText(file, """
            <testsuites><testsuite name="A.Tests" tests="3">
              <testcase classname="A.Tests.One" name="First" time="1.25" />
              <testcase classname="A.Tests.One" name="Second" time="0.5" />
              <testcase classname="A.Tests.Two" name="Third" time="2" />
            </testsuite></testsuites>
            """);

        Assert.Equal(new Dictionary<string, TimeSpan> { ["A.Tests.One"] = TimeSpan.FromSeconds(1.75), ["A.Tests.Two"] = TimeSpan.FromSeconds(2) },
            TrxToJUnit.ClassDurations(file));
    }

    [Fact]
    public void The_inventory_lists_a_built_assemblys_test_classes_with_their_number_of_tests()
    {
        var project = _directory / "Sample.Tests" / "Sample.Tests.csproj";
        SampleAssembly.Write(_directory / "Sample.Tests" / "bin" / "Release" / "net10.0" / "Sample.Tests.dll");

        var classes = TestInventory.Read(project, "Release");

        Assert.NotNull(classes);
        Assert.Equal(
            [new("Sample.Tests.Deploy", 2), new("Sample.Tests.Deploy+Nested", 1), new("Sample.Tests.Derived", 1), new TestClass("Sample.Tests.Notes", 1)],
            classes.OrderBy(c => c.FullName, StringComparer.Ordinal));
        Assert.Null(TestInventory.Read(project, "Debug"));
        Assert.Null(TestInventory.Read(_directory / "Other.Tests" / "Other.Tests.csproj", "Release"));
    }
}
