using Nuke.Common.Tools.DotNet;
using Nuke.Common.IO;

namespace Engine.Tests;

public class DotNetTests
{
    [Fact]
    public void JUnit_counts_are_summed_over_suites_and_files()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var first = Path.Combine(directory.FullName, "a.xml");
            var second = Path.Combine(directory.FullName, "b.xml");
            File.WriteAllText(first, """
                <testsuites>
                  <testsuite name="A" tests="5" failures="1" errors="1" skipped="1" />
                  <testsuite name="B" tests="2" failures="0" errors="0" skipped="0" />
                </testsuites>
                """);
            File.WriteAllText(second, """<testsuite name="C" tests="3" failures="0" errors="0" skipped="2" />""");
            var counts = TestCounts.FromJUnit([first, second]);
            Assert.Equal(new TestCounts(5, 2, 3), counts);
            Assert.Equal("Tests: 5 passed, 2 failed, 3 skipped", counts.ToString());
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public void Line_coverage_merges_the_same_line_across_files()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var first = Path.Combine(directory.FullName, "a.xml");
            var second = Path.Combine(directory.FullName, "b.xml");
            // Both runs saw Lib.cs; only the first hit line 1. Other.cs is only in the second.
            File.WriteAllText(first, """
                <coverage><sources><source>/src/</source></sources><packages><package><classes>
                  <class filename="Lib.cs"><lines><line number="1" hits="3" /><line number="2" hits="0" /></lines></class>
                </classes></package></packages></coverage>
                """);
            File.WriteAllText(second, """
                <coverage><sources><source>/src/</source></sources><packages><package><classes>
                  <class filename="Lib.cs"><lines><line number="1" hits="0" /><line number="2" hits="0" /></lines></class>
                  <class filename="Other.cs"><lines><line number="7" hits="1" /><line number="8" hits="1" /></lines></class>
                </classes></package></packages></coverage>
                """);
            var coverage = LineCoverage.FromCobertura([first, second]);
            Assert.Equal(new LineCoverage(3, 4), coverage);
            Assert.Equal("Total line coverage: 75.00%", coverage.ToString());
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public void Test_projects_are_read_from_the_solution()
    {
        var directory = AbsolutePath.Create(AppContext.BaseDirectory);
        while (!(directory / "App.sln").FileExists) directory = directory.Parent ?? throw new InvalidOperationException("App.sln not found above the test binaries");
        var projects = SolutionFile.TestProjects(directory / "App.sln").Select(p => p.NameWithoutExtension).ToList();
        Assert.Contains("Build.Engine.Tests", projects);
        Assert.DoesNotContain("Build.Engine", projects);
        Assert.Contains("Build.Engine", SolutionFile.Projects(directory / "App.sln").Select(p => p.NameWithoutExtension));
    }

    [Fact]
    public void A_failing_report_throws_with_counts_that_CI_cannot_mistake_for_the_summary()
    {
        var report = new TestReport(new TestCounts(3, 1, 0), new LineCoverage(1, 2), []);
        var error = Assert.Throws<BuildException>(report.ThrowIfFailed);
        Assert.Equal("1 of 4 tests failed.", error.Message);
        Assert.DoesNotMatch(@"\d+ passed, \d+ failed", error.ToString());
    }
}
