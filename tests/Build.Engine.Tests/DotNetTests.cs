using Nuke.Common.Tooling;
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
    public void Trx_becomes_JUnit_with_every_outcome_counted_and_failures_kept()
    {
        // Shaped as VSTest writes it for xunit (testName = class + "." + method; an unknown outcome is a failure).
        var trx = System.Xml.Linq.XDocument.Parse("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="1" testName="Tiny.Tests.GreeterTests.Greets" outcome="Passed" duration="00:00:00.0120000" />
                <UnitTestResult testId="2" testName="Tiny.Tests.GreeterTests.Fails" outcome="Failed" duration="00:00:01.5000000">
                  <Output><StdOut>said something</StdOut><ErrorInfo><Message>Assert.Equal() Failure</Message><StackTrace>at Tiny.Tests.GreeterTests.Fails()</StackTrace></ErrorInfo></Output>
                </UnitTestResult>
                <UnitTestResult testId="3" testName="Tiny.Tests.GreeterTests.Later" outcome="NotExecuted" duration="00:00:00" />
                <UnitTestResult testId="4" testName="Tiny.Tests.GreeterTests.Hangs" outcome="Timeout" />
              </Results>
              <TestDefinitions>
                <UnitTest id="1"><TestMethod className="Tiny.Tests.GreeterTests" name="Greets" /></UnitTest>
                <UnitTest id="2"><TestMethod className="Tiny.Tests.GreeterTests" name="Fails" /></UnitTest>
                <UnitTest id="3"><TestMethod className="Tiny.Tests.GreeterTests" name="Later" /></UnitTest>
                <UnitTest id="4"><TestMethod className="Tiny.Tests.GreeterTests" name="Hangs" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """);
        var junit = TrxToJUnit.Convert(trx, "Tiny.Tests");
        Assert.Equal(new TestCounts(1, 2, 1), TestCounts.FromJUnitXml(junit.ToString()));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(["Greets", "Fails", "Later", "Hangs"], cases.Select(c => (string)c.Attribute("name")!));
        Assert.All(cases, c => Assert.Equal("Tiny.Tests.GreeterTests", (string)c.Attribute("classname")!));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("Assert.Equal() Failure", (string)failure.Attribute("message")!);
        Assert.Contains("at Tiny.Tests.GreeterTests.Fails()", failure.Value);
        Assert.Equal("said something", cases[1].Element("system-out")!.Value);
        Assert.Equal("1.5", (string)cases[1].Attribute("time")!);
        Assert.Equal("Timeout", (string)cases[3].Element("failure")!.Attribute("type")!);
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
        while (!(directory / "App.sln").FileExists()) directory = directory.Parent ?? throw new InvalidOperationException("App.sln not found above the test binaries");
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_test_run_stopped_or_out_of_time_logs_what_the_unfinished_project_had_printed(bool outOfTime)
    {
        var directory = Directory.CreateTempSubdirectory("dotnet-test-stopped-");
        try
        {
            // A stand-in for dotnet test whose test hangs: it prints VSTest's first lines, says so in a file, then waits.
            var started = Path.Combine(directory.FullName, "started");
            var fake = Path.Combine(directory.FullName, "fake-dotnet");
            File.WriteAllText(fake, $"#!/bin/sh\necho \"Test run for $2\"\necho 'Starting test execution, please wait...' >&2\ntouch '{started}'\nexec sleep 120\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var root = AbsolutePath.Create(directory.FullName);
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var logger = new Serilog.LoggerConfiguration().WriteTo.Sink(new Lines(lines)).CreateLogger();
            var run = new DotNetTestRun(root / "App.sln", "Debug", root / "results", root / "coverage")
            {
                Projects = [root / "Hangs.Tests" / "Hangs.Tests.csproj"],
                Settings = s => s.SetProcessToolPath(fake).SetProcessExecutionTimeout(outOfTime ? 2000 : null),
            };
            using var stop = new CancellationTokenSource();
            var test = new DotNetCli(new Nuke.Common.Tooling.ToolRunner(logger), logger).TestAsync(run, stop.Token);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(started) && !test.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(File.Exists(started), "the stand-in never started");

            if (outOfTime)
            {
                var error = await Assert.ThrowsAsync<ToolTimedOutException>(() => test);
                Assert.Equal("fake-dotnet did not finish within 2 s and was stopped.", error.Message);
            }
            else
            {
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test);
            }
            var log = string.Join('\n', lines);
            Assert.Matches(@"\[Warning\] dotnet test Hangs\.Tests was stopped after 0:\d\d min before it finished; it had printed:", log);
            Assert.Contains($"Test run for {root / "Hangs.Tests" / "Hangs.Tests.csproj"}", log);
            Assert.Contains("Starting test execution, please wait...", log);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    private sealed class Lines(System.Collections.Concurrent.ConcurrentQueue<string> lines) : Serilog.Core.ILogEventSink
    {
        public void Emit(Serilog.Events.LogEvent logEvent) => lines.Enqueue($"[{logEvent.Level}] {logEvent.RenderMessage().Replace("\"", "")}");
    }
}
