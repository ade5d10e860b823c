using Build.Engine;
using Build.Release.Versioning;

namespace BuildScript;

partial class Build
{
    Target Restore => _ => _
        .Description("Restore the solution's NuGet packages")
        .Executes(() => DotNet.RestoreAsync(SolutionFile, CancellationToken));

    Target Compile => _ => _
        .Description("Build the solution, stamped with the GitVersion version")
        .DependsOn(Restore)
        .Executes(() => DotNet.BuildAsync(SolutionFile, Configuration, AssemblyVersionProperties.Arguments(GitVersion), CancellationToken));
}
