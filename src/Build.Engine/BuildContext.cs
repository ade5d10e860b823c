using Nuke.Common.Hosts;
using Nuke.Common.Output;
using Nuke.Common.Tooling;
using Serilog;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>
/// Everything one build run knows of its surroundings. The runner makes it ambient (AsyncLocal) while it constructs
/// and runs the build, so field initializers may use <see cref="NukeBuild.IsLocalBuild"/> and tests can run builds
/// side by side with their own environment.
/// </summary>
internal sealed class BuildContext
{
    private static readonly AsyncLocal<BuildContext?> AmbientContext = new();
    private static readonly Lazy<BuildContext> ProcessDefault = new(CreateProcessDefault);

    private readonly List<Func<ValueTask>> _cleanups = [];
    private readonly List<string> _finalLines = [];
    private readonly Dictionary<string, object?> _injectedValues = new(StringComparer.Ordinal);

    public required AbsolutePath RootDirectory { get; init; }

    /// <summary>Where the build project lives (Nuke's BuildProjectDirectory); defaults to <c>build/</c> under the root.</summary>
    public AbsolutePath BuildProjectDirectory
    {
        get => _buildProjectDirectory ?? ReadBuildProjectDirectory() ?? RootDirectory / "build";
        init => _buildProjectDirectory = value;
    }

    private readonly AbsolutePath? _buildProjectDirectory;

    // Nuke's build project stamps its directory as assembly metadata; a build that does so is honoured.
    private static AbsolutePath? ReadBuildProjectDirectory() =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildProjectDirectory")?.Value is { Length: > 0 } value && Path.IsPathFullyQualified(value)
            ? AbsolutePath.Create(value)
            : null;
    public required Host Host { get; init; }

    private IReadOnlyList<Host>? _declaredHosts;

    /// <summary>
    /// Every host the build's libraries declare, the running one first: who spells a CI variable a message names.
    /// Found on first use, so only a run that writes such a message pays for it.
    /// </summary>
    public IReadOnlyList<Host> DeclaredHosts
    {
        get => LazyInitializer.EnsureInitialized(ref _declaredHosts,
            () => [Host, .. HostDiscovery.Discover(System.Reflection.Assembly.GetEntryAssembly()).Where(h => h.GetType() != Host.GetType())]);
        init => _declaredHosts = value;
    }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public SecretMasker Secrets { get; init; } = new();

    private ChildEnvironment? _children;

    /// <summary>What child processes inherit, and the run's private directory (outside the work tree, swept by later runs).</summary>
    public ChildEnvironment Children
    {
        get
        {
            lock (_cleanups)
                return _children ??= new ChildEnvironment(Secrets,
                    () => RunScratch.Create(RunScratch.DefaultCandidates(name => Environment.GetValueOrDefault(name)), RootDirectory))
                {
                    PackageFeedVariables = Host.PackageFeedVariables,
                };
        }
    }

    /// <summary>Removes the run's private directory; the last thing a run does.</summary>
    public void DisposeChildren()
    {
        ChildEnvironment? children;
        lock (_cleanups) children = _children;
        children?.Dispose();
    }
    public ILogger Logger { get; set; } = Serilog.Core.Logger.None;
    /// <summary>The build's token: cancelled on Ctrl+C or SIGTERM.</summary>
    public CancellationToken CancellationToken { get; init; }

    private CancellationToken? _targetToken;

    /// <summary>
    /// What the build's <see cref="NukeBuild.CancellationToken"/> returns: while a target runs, the token its executor
    /// passed to it (for an assured target after cancellation, a live one with a grace period), else the build's.
    /// </summary>
    public CancellationToken CurrentToken => _targetToken ?? CancellationToken;

    /// <summary>Set by the executor around each target's actions; null outside a target.</summary>
    public void SetTargetToken(CancellationToken? token) => _targetToken = token;
    public BuildState State { get; } = new();

    /// <summary>Values of members with no storage of their own (interface parameters, computed properties).</summary>
    public void SetInjectedValue(System.Reflection.MemberInfo member, object? value)
    {
        lock (_injectedValues) _injectedValues[Parameters.InjectedValues.Key(member)] = value;
    }

    /// <summary>
    /// A value computed on first read, for members without storage: a target that never reads GitVersion never pays
    /// for it (CreateDeployKey works in a repository without commits). Failures surface in the target that reads it.
    /// </summary>
    public void SetLazyInjectedValue(System.Reflection.MemberInfo member, Func<Task<object?>> factory)
    {
        var lazy = new Lazy<object?>(() => factory().GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);
        lock (_injectedValues) _injectedValues[Parameters.InjectedValues.Key(member)] = new LazyValue(lazy);
    }

    public bool TryGetInjectedValue(System.Reflection.MemberInfo member, out object? value)
    {
        object? stored;
        bool found;
        lock (_injectedValues) found = _injectedValues.TryGetValue(Parameters.InjectedValues.Key(member), out stored);
        value = stored is LazyValue lazy ? lazy.Value.Value : stored;
        return found;
    }

    private sealed record LazyValue(Lazy<object?> Value);

    public static BuildContext? Ambient
    {
        get => AmbientContext.Value;
        set => AmbientContext.Value = value;
    }

    public static BuildContext Current => AmbientContext.Value ?? ProcessDefault.Value;

    public IReadOnlyList<string> FinalLines
    {
        get { lock (_finalLines) return _finalLines.ToArray(); }
    }

    public void AddFinalLine(string line)
    {
        lock (_finalLines) _finalLines.Add(line);
    }

    public void RegisterCleanup(Func<ValueTask> cleanup)
    {
        lock (_cleanups) _cleanups.Add(cleanup);
    }

    /// <summary>Runs every cleanup once, newest first; a failing cleanup is logged and the others still run.</summary>
    public async Task RunCleanupsAsync()
    {
        Func<ValueTask>[] cleanups;
        lock (_cleanups)
        {
            cleanups = _cleanups.AsEnumerable().Reverse().ToArray();
            _cleanups.Clear();
        }
        foreach (var cleanup in cleanups)
        {
            try
            {
                await cleanup();
            }
            catch (Exception e)
            {
                Logger.Warning("Cleanup failed: {Message}", e.Message);
            }
        }
    }

    public static IReadOnlyDictionary<string, string> ReadProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value) environment[key] = value;
        return environment;
    }

    // Used when a build object is created outside a runner (e.g. a test constructing Build directly).
    private static BuildContext CreateProcessDefault()
    {
        var environment = ReadProcessEnvironment();
        var entry = System.Reflection.Assembly.GetEntryAssembly();
        return new BuildContext
        {
            RootDirectory = AbsolutePath.Create(Directory.GetCurrentDirectory()),
            Host = HostDiscovery.Detect(entry, name => environment.GetValueOrDefault(name), requested: null),
            Environment = environment,
        };
    }
}
