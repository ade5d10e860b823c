using Nuke.Common;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Components;

public interface IRestore : IHazSolution
{
    Target Restore => _ => _
        .Description("Restore the solution's NuGet packages")
        .Executes(() => new DotNetCli(Tools, Log).RestoreAsync(SolutionFile, CancellationToken));
}
