using Build.Engine;

namespace BuildScript;

partial class Build
{
    Target Restore => _ => _
        .Description("Restore the solution's NuGet packages")
        .Executes(() => DotNet.RestoreAsync(SolutionFile, CancellationToken));

    Target Compile => _ => _
        .Description("Build the solution")
        .DependsOn(Restore)
        .Executes(() => DotNet.BuildAsync(SolutionFile, Configuration, CancellationToken));
}
