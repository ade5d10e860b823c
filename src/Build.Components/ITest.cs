using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface ITest : ICompile
{
    /// <summary>Settings hook on each test project's <c>dotnet test</c>, as Nuke's: <c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => _ => _.SetFilter("Category!=Slow");</c></summary>
    Configure<DotNetTestSettings> TestSettings => _ => _;

    /// <summary>
    /// How long each test project took last time, for balancing the parallel copies of the test job: one file per copy
    /// of the last run (each copy replaces the folder's content with its own file). The generated pipeline collects the
    /// copies' files and hands them to the next pipeline's copies, so every copy reads the same files and computes the
    /// same split.
    /// </summary>
    Nuke.Common.IO.AbsolutePath TestDurationsDirectory => TemporaryDirectory / "test-durations";

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
                var split = TestPartition.Select(Partition, all, TestDurationsDirectory, project => TestInventory.Read(project, Configuration));
                shares = split.Shares;
                settings = settings with
                {
                    Projects = shares.Select(s => s.Project).ToList(),
                    Filters = shares.Where(s => s.Filter is not null).ToDictionary(s => (string)s.Project, s => s.Filter!),
                };
                Log.Information("Test shard {Partition}: {Projects}; {Basis}", Partition.ToString(),
                    shares.Count == 0 ? "no test project (more shards than test projects)" : string.Join(", ", shares.Select(s => s.Description)),
                    split.BasisDescription);
            }
            var report = await new DotNetCli(Tools, Log).TestAsync(settings, CancellationToken);
            TestPartition.Record(TestDurationsDirectory, Partition, report, shares);
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
