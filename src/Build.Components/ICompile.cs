using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;
using GitLabRelease.Versioning;

namespace Nuke.Components;

public interface ICompile : IRestore, IHazConfiguration, IHazGitVersion
{
    /// <summary>Settings hook, as Nuke's: <c>Configure&lt;DotNetBuildSettings&gt; ICompile.CompileSettings => _ => _.EnableContinuousIntegrationBuild();</c></summary>
    Configure<DotNetBuildSettings> CompileSettings => _ => _;

    Target Compile => _ => _
        .Description("Build the solution, stamped with the GitVersion version")
        .DependsOn<IRestore>(x => x.Restore)
        .Executes(() =>
        {
            var settings = CompileSettings(new DotNetBuildSettings()
                .SetProjectFile(SolutionFile)
                .SetProcessWorkingDirectory(SolutionFile.Parent)
                .EnableNoRestore()
                .EnableNoLogo()
                .SetConfiguration(Configuration)
                .SetVersionProperties(GitVersion));
            return new DotNetCli(Tools, Log).RunAsync(settings, CancellationToken);
        });
}
