using Nuke.Common.Tooling;

namespace Nuke.Common.Execution
{
    /// <summary>
    /// Nuke's template attribute that checked the build project's solution configurations. A documented no-op here:
    /// the build project is built by <c>build.sh</c> and not part of the solution's configurations.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class CheckBuildProjectConfigurationsAttribute : BuildExtensionAttributeBase
    {
        public int TimeoutInMilliseconds { get; set; }
    }

    /// <summary>
    /// Nuke's template attribute that removes Visual Studio's variables (VSINSTALLDIR, VisualStudioVersion, ...) so a
    /// build started from a Developer Command Prompt does not use Visual Studio's MSBuild. A documented no-op here:
    /// the build's tools run the SDK's MSBuild through <c>dotnet</c>, and the build never writes the process environment.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class UnsetVisualStudioEnvironmentVariablesAttribute : BuildExtensionAttributeBase;
}

namespace Nuke.Common.CI
{
    /// <summary>
    /// Nuke's template attribute: after a server build, <c>dotnet build-server shutdown</c> stops the MSBuild and
    /// compiler servers, so a CI job does not wait on them (a GitLab shell runner would otherwise keep them alive).
    /// Local builds keep them, for speed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class ShutdownDotNetAfterServerBuildAttribute : Execution.BuildExtensionAttributeBase
    {
        public override void OnBuildFinished(NukeBuild build, bool succeeded)
        {
            if (!NukeBuild.IsServerBuild) return;
            try
            {
                ProcessTasks.StartProcess(Tools.DotNet.DotNetTasks.DotNetPath, "build-server shutdown", logOutput: false).AssertWaitForExit();
            }
            catch (BuildException e)
            {
                build.Log.Warning("dotnet build-server shutdown failed: {Message}", e.Message);
            }
        }
    }
}

namespace Nuke.Common.Tools.DotNet
{
    /// <summary>
    /// Nuke's template attribute that maps <c>--verbosity</c> to dotnet's. A documented no-op here: dotnet's output
    /// is logged through the build's logger, whose level <c>--verbosity</c> already sets; pass
    /// <c>.SetVerbosity(DotNetVerbosity.Detailed)</c> to a task for more of dotnet's own output.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class DotNetVerbosityMappingAttribute : Execution.BuildExtensionAttributeBase;
}
