using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface ITest : ICompile
{
    /// <summary>Settings hook on each test project's <c>dotnet test</c>, as Nuke's: <c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => _ => _.SetFilter("Category!=Slow");</c></summary>
    Configure<DotNetTestSettings> TestSettings => _ => _;

    /// <summary>
    /// How long each test project took last time, for balancing the parallel copies of the test job; the generated
    /// pipeline hands it from job to job so every copy reads the same file and computes the same split.
    /// </summary>
    Nuke.Common.IO.AbsolutePath TestDurationsFile => TemporaryDirectory / "test-durations.json";

    Target Test => _ => _
        .Description("Run every test project (this job's share of them when sharded): JUnit XML to artifacts/test-results, Cobertura to artifacts/coverage")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            var settings = new DotNetTestRun(SolutionFile, Configuration, ArtifactsDirectory / "test-results", ArtifactsDirectory / "coverage") { Settings = TestSettings };
            IReadOnlyList<TestShare>? shares = null;
            if (!Partition.IsSingle)
            {
                var all = settings.Projects ?? Nuke.Common.Tools.DotNet.SolutionFile.TestProjects(settings.Solution);
                shares = TestPartition.Select(Partition, all, TestDurationsFile, project => TestInventory.Read(project, Configuration));
                settings = settings with
                {
                    Projects = shares.Select(s => s.Project).ToList(),
                    Filters = shares.Where(s => s.Filter is not null).ToDictionary(s => (string)s.Project, s => s.Filter!),
                };
                Log.Information("Test shard {Partition}: {Projects}", Partition.ToString(),
                    shares.Count == 0 ? "no test project (more shards than test projects)" : string.Join(", ", shares.Select(s => s.Description)));
            }
            var report = await new DotNetCli(Tools, Log).TestAsync(settings, CancellationToken);
            TestPartition.Record(TestDurationsFile, report, shares);
            if (report.Coverage is { } coverage)
                Log.Information("{Coverage}", coverage.ToString());
            else
                Log.Warning("No coverage was collected: no test run wrote a Cobertura file (Microsoft.CodeCoverage comes with Microsoft.NET.Test.Sdk; see the test output above).");
            Log.Information("{Counts}", report.Counts.ToString());
            // CI reads the counts from the last line of the whole output too.
            AddFinalLine(report.Counts.ToString());
            report.ThrowIfFailed();
        });
}
