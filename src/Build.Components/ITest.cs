using Nuke.Common;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface ITest : ICompile
{
    /// <summary>Settings hook: <c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => s => s with { ... };</c></summary>
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
            var settings = TestSettings(new DotNetTestSettings(SolutionFile, Configuration, ArtifactsDirectory / "test-results", ArtifactsDirectory / "coverage"));
            if (!Partition.IsSingle)
            {
                var all = settings.Projects ?? Nuke.Common.Tools.DotNet.SolutionFile.TestProjects(settings.Solution);
                settings = settings with { Projects = TestPartition.Select(Partition, all, TestDurationsFile) };
                Log.Information("Test shard {Partition}: {Projects}", Partition.ToString(),
                    settings.Projects.Count == 0 ? "no test project (more shards than test projects)" : string.Join(", ", settings.Projects.Select(p => p.NameWithoutExtension)));
            }
            var report = await new DotNetCli(Tools, Log).TestAsync(settings, CancellationToken);
            TestPartition.Record(TestDurationsFile, report.Durations);
            Log.Information("{Coverage}", report.Coverage.ToString());
            Log.Information("{Counts}", report.Counts.ToString());
            // CI reads the counts from the last line of the whole output too.
            AddFinalLine(report.Counts.ToString());
            report.ThrowIfFailed();
        });
}
