using Nuke.Common;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface ITest : ICompile
{
    /// <summary>Settings hook: <c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => s => s with { ... };</c></summary>
    Configure<DotNetTestSettings> TestSettings => _ => _;

    Target Test => _ => _
        .Description("Run every test project: JUnit XML to artifacts/test-results, Cobertura to artifacts/coverage")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            var settings = TestSettings(new DotNetTestSettings(SolutionFile, Configuration, ArtifactsDirectory / "test-results", ArtifactsDirectory / "coverage"));
            var report = await new DotNetCli(Tools, Log).TestAsync(settings, CancellationToken);
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
