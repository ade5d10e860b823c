using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface ITest : ICompile
{
    /// <summary>Settings hook on each test project's <c>dotnet test</c>, as Nuke's: <c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => _ => _.SetFilter("Category!=Slow");</c></summary>
    Configure<DotNetTestSettings> TestSettings => _ => _;

    Target Test => _ => _
        .Description("Run every test project: JUnit XML to artifacts/test-results, Cobertura to artifacts/coverage")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            var settings = new DotNetTestRun(SolutionFile, Configuration, ArtifactsDirectory / "test-results", ArtifactsDirectory / "coverage") { Settings = TestSettings };
            var report = await new DotNetCli(Tools, Log).TestAsync(settings, CancellationToken);
            Log.Information("{Coverage}", report.Coverage.ToString());
            Log.Information("{Counts}", report.Counts.ToString());
            // CI reads the counts from the last line of the whole output too.
            AddFinalLine(report.Counts.ToString());
            report.ThrowIfFailed();
        });
}
