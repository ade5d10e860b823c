using System.Linq.Expressions;
using Nuke.Common.Hosts;
using Nuke.Common.Output;
using Nuke.Common.Tooling;
using Serilog;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>
/// Base class of a build: declare <see cref="Target"/> properties and [Parameter] members, then
/// <c>public static int Main() => Execute&lt;Build&gt;(x => x.Compile);</c>
/// </summary>
public abstract class NukeBuild : INukeBuild
{
    private readonly BuildContext _context;

    protected NukeBuild()
    {
        _context = BuildContext.Current;
        Tools = new ToolRunner(_context.Logger, _context.Children);
    }

    /// <summary>Runs the build with the process's command line and environment; returns the exit code.</summary>
    public static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new() =>
        ConsoleEntryPoint.Run<T>(defaultTargets);

    /// <summary>True when the detected host is a developer's machine.</summary>
    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>True when the detected host is a CI service.</summary>
    public static bool IsServerBuild => BuildContext.Current.Host.IsServerBuild;

    // Static as in Nuke, so field initializers and static helpers can use them; the run's context is ambient.
    /// <summary>The repository root: the directory holding <c>.nuke/</c>, or <c>--root</c>.</summary>
    public static AbsolutePath RootDirectory => BuildContext.Current.RootDirectory;

    /// <summary><c>.nuke/temp</c>: logs, caches and the built build.</summary>
    public static AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>The build project's directory: the <c>BuildProjectDirectory</c> assembly metadata, else <c>build/</c>.</summary>
    public static AbsolutePath BuildProjectDirectory => BuildContext.Current.BuildProjectDirectory;

    /// <summary>The build project file (<c>build/_build.csproj</c>) when it is found there; null otherwise.</summary>
    public static AbsolutePath? BuildProjectFile =>
        BuildProjectDirectory.DirectoryExists() ? Directory.GetFiles(BuildProjectDirectory, "*.csproj").Select(AbsolutePath.Create).FirstOrDefault() : null;

    public static AbsolutePath BuildAssemblyDirectory => AbsolutePath.Create(AppContext.BaseDirectory);

    // Through the interface a build object keeps its own run's paths, even after that run ended.
    AbsolutePath INukeBuild.RootDirectory => _context.RootDirectory;
    AbsolutePath INukeBuild.TemporaryDirectory => _context.RootDirectory / ".nuke" / "temp";
    public Host Host => _context.Host;

    /// <summary>The one masker every printed line goes through; register secrets learned at runtime here.</summary>
    public SecretMasker Secrets => _context.Secrets;

    public ILogger Log => _context.Logger;
    public ToolRunner Tools { get; }

    /// <summary>Cancelled on Ctrl+C or SIGTERM; inside a target, the token its executor passes (live for an assured target).</summary>
    public CancellationToken CancellationToken => _context.CurrentToken;

    /// <summary>
    /// When non-null, every scheduled target is skipped with this reason and nothing runs (exit code 0). Read before
    /// parameters are injected: it decides from the environment and the host.
    /// </summary>
    protected virtual string? SkipAllReason => null;

    internal string? GetSkipAllReason() => SkipAllReason ?? ((INukeBuild)this).SkipAllReason;

    public BuildState State => _context.State;

    internal BuildContext Context => _context;

    public T? TryGetValue<T>(Expression<Func<T>> member) =>
        _context.TryGetInjectedValue(Parameters.InjectedValues.MemberOf(member), out var value) && value is T typed ? typed : default;

    /// <summary>The build's environment (the process's, or the one a test injected).</summary>
    public string? EnvironmentVariable(string name) => _context.Environment.GetValueOrDefault(name);

    /// <summary>Runs once at the end of the build, whatever happened (success, failure, Ctrl+C, SIGTERM).</summary>
    public void RegisterCleanup(Func<ValueTask> cleanup) => _context.RegisterCleanup(cleanup);

    public void RegisterCleanup(IAsyncDisposable disposable) => _context.RegisterCleanup(disposable.DisposeAsync);

    // Nuke's lifecycle hooks, in the order the runner calls them. An exception thrown by a target hook fails that target.

    /// <summary>Right after construction, before parameters are injected.</summary>
    protected internal virtual void OnBuildCreated() { }

    /// <summary>After parameters and injected values are set, before requirements are checked and targets run.</summary>
    protected internal virtual void OnBuildInitialized() { }

    protected internal virtual void OnTargetRunning(string target) { }

    protected internal virtual void OnTargetSkipped(string target) { }

    protected internal virtual void OnTargetSucceeded(string target) { }

    protected internal virtual void OnTargetFailed(string target) { }

    /// <summary>After the last target, whatever happened (see <see cref="IsSuccessful"/>), before cleanups run.</summary>
    protected internal virtual void OnBuildFinished() { }

    /// <summary>False once a target failed or the build was cancelled.</summary>
    public bool IsSuccessful => !IsFailing;

    public bool IsFailing { get; internal set; }

    /// <summary>A line printed after the build's outcome line, as the very last output (e.g. test counts for CI).</summary>
    public void AddFinalLine(string line) => _context.AddFinalLine(line);
}
