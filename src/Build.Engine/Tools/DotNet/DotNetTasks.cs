using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>
/// Nuke's dotnet tasks, used as <c>using static Nuke.Common.Tools.DotNet.DotNetTasks;</c> then
/// <c>DotNetBuild(s => s.SetProjectFile(Solution).SetConfiguration(Configuration).EnableNoRestore());</c>.
/// Each runs <c>dotnet</c> once (or once per <c>CombineWith</c> combination) in the current build, synchronously,
/// with its output logged through the build's masking logger; a non-zero exit throws.
/// </summary>
public static class DotNetTasks
{
    /// <summary>The dotnet executable: <c>DOTNET_EXE</c> from the build's environment, else <c>dotnet</c> on PATH.</summary>
    public static string DotNetPath => GetDotNetPath(name => BuildContext.Current.Environment.GetValueOrDefault(name));

    internal static string GetDotNetPath(Func<string, string?> environment) =>
        environment("DOTNET_EXE") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>Runs <c>dotnet</c> with free-form arguments: <c>DotNet("tool restore")</c>.</summary>
    public static IReadOnlyCollection<Tooling.Output> DotNet(string arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environmentVariables = null, int? timeout = null, bool? logOutput = null,
        bool? logInvocation = null, Action<OutputType, string>? logger = null) =>
        ProcessTasks.StartProcess(DotNetPath, arguments, workingDirectory, environmentVariables, timeout, logOutput, logInvocation, logger)
            .AssertZeroExitCode().Output;

    public static IReadOnlyCollection<Tooling.Output> DotNetRestore(DotNetRestoreSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetRestore(Configure<DotNetRestoreSettings> configurator) => DotNetRestore(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetRestore(CombinatorialConfigure<DotNetRestoreSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetBuild(DotNetBuildSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetBuild(Configure<DotNetBuildSettings> configurator) => DotNetBuild(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetBuild(CombinatorialConfigure<DotNetBuildSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetTest(DotNetTestSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetTest(Configure<DotNetTestSettings> configurator) => DotNetTest(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetTest(CombinatorialConfigure<DotNetTestSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetPack(DotNetPackSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetPack(Configure<DotNetPackSettings> configurator) => DotNetPack(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetPack(CombinatorialConfigure<DotNetPackSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetPublish(DotNetPublishSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetPublish(Configure<DotNetPublishSettings> configurator) => DotNetPublish(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetPublish(CombinatorialConfigure<DotNetPublishSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetRun(DotNetRunSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetRun(Configure<DotNetRunSettings> configurator) => DotNetRun(configurator(new()));

    public static IReadOnlyCollection<Tooling.Output> DotNetClean(DotNetCleanSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetClean(Configure<DotNetCleanSettings> configurator) => DotNetClean(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetClean(CombinatorialConfigure<DotNetCleanSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);

    public static IReadOnlyCollection<Tooling.Output> DotNetNuGetPush(DotNetNuGetPushSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> DotNetNuGetPush(Configure<DotNetNuGetPushSettings> configurator) => DotNetNuGetPush(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> DotNetNuGetPush(CombinatorialConfigure<DotNetNuGetPushSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);
}
