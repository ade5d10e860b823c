using Nuke.Common;
using Nuke.Common.Tools.DotNet;
using GitLabRelease.Versioning;

namespace Nuke.Components;

public interface ICompile : IRestore, IHazConfiguration, IHazGitVersion
{
    /// <summary>Settings hook: <c>Configure&lt;DotNetBuildSettings&gt; ICompile.CompileSettings => s => s with { ... };</c></summary>
    Configure<DotNetBuildSettings> CompileSettings => _ => _;

    Target Compile => _ => _
        .Description("Build the solution, stamped with the GitVersion version")
        .DependsOn<IRestore>(x => x.Restore)
        .Executes(() =>
        {
            var settings = CompileSettings(new DotNetBuildSettings(SolutionFile, Configuration, AssemblyVersionProperties.Arguments(GitVersion)));
            return new DotNetCli(Tools, Log).BuildAsync(settings.Solution, settings.Configuration, settings.Properties, CancellationToken);
        });
}
