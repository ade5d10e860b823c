using Build.Engine;
using Build.Engine.DotNet;

namespace BuildScript;

partial class Build
{
    Target Test => _ => _
        .Description("Run every test project: JUnit XML to artifacts/test-results, Cobertura to artifacts/coverage")
        .DependsOn(Compile)
        .Executes(async () =>
        {
            var report = await DotNet.TestAsync(new DotNetTestSettings(SolutionFile, Configuration,
                ArtifactsDirectory / "test-results", ArtifactsDirectory / "coverage"), CancellationToken);
            Log.Information("{Coverage}", report.Coverage.ToString());
            Log.Information("{Counts}", report.Counts.ToString());
            // CI reads the counts from the last line of the whole output too.
            AddFinalLine(report.Counts.ToString());
            report.ThrowIfFailed();
        });
}
