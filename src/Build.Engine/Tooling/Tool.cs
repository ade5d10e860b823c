using System.Reflection;

namespace Nuke.Common.Tooling;

/// <summary>
/// A command-line tool found by <see cref="PathVariableAttribute"/>: <c>[PathVariable] readonly Tool Git;</c> then
/// <c>Git("status --short")</c>. Arguments are one string, split like a shell would (quotes group words).
/// </summary>
public delegate IReadOnlyCollection<Output> Tool(string? arguments = null, string? workingDirectory = null,
    IReadOnlyDictionary<string, string>? environmentVariables = null, int? timeout = null, bool? logOutput = null,
    bool? logInvocation = null, Action<OutputType, string>? logger = null, Action<IProcess>? exitHandler = null);

/// <summary>
/// Injects a <see cref="Tool"/> for an executable on PATH, named by the member (lower case) or the given name. A tool
/// that is not installed fails where it is called, naming it, so a build whose other targets do not need it still runs.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class PathVariableAttribute(string? pathExecutable = null) : ValueInjectionAttributeBase
{
    public string? PathExecutable { get; } = pathExecutable;

    public override Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
    {
        var name = PathExecutable ?? member.Name.ToLowerInvariant();
        var path = ToolPathResolver.TryGetPathExecutable(name, build.EnvironmentVariable("PATH"));
        return Task.FromResult<object?>(ToolPathResolver.CreateTool(name, path));
    }
}

/// <summary>Finds executables the way a shell does: on the build's PATH.</summary>
public static class ToolPathResolver
{
    public static string? TryGetPathExecutable(string name, string? path = null)
    {
        if (Path.IsPathFullyQualified(name)) return File.Exists(name) ? name : null;
        var directories = (path ?? BuildContext.Current.Environment.GetValueOrDefault("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var suffixes = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        return directories.SelectMany(d => suffixes.Select(s => Path.Combine(d, name + s))).FirstOrDefault(File.Exists);
    }

    public static string GetPathExecutable(string name) =>
        TryGetPathExecutable(name) ?? throw new BuildException($"Could not find '{name}' on PATH.", $"Install {name} or put it on PATH.");

    internal static Tool CreateTool(string name, string? path) =>
        (arguments, workingDirectory, environmentVariables, timeout, logOutput, logInvocation, logger, exitHandler) =>
        {
            if (path is null) throw new BuildException($"Could not find '{name}' on PATH.", $"Install {name} or put it on PATH.");
            var process = ProcessTasks.StartProcess(path, arguments, workingDirectory, environmentVariables, timeout, logOutput, logInvocation, logger);
            process.AssertWaitForExit();
            if (exitHandler is not null) exitHandler(process);
            else process.AssertZeroExitCode();
            return process.Output;
        };
}
