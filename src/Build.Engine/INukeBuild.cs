using System.Linq.Expressions;
using Nuke.Common.Hosts;
using Nuke.Common.Output;
using Nuke.Common.Tooling;
using Serilog;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>
/// What a build offers to components: interfaces extending this one declare targets and parameters as default
/// members (<c>interface ICompile : INukeBuild { Target Compile => _ => _...; }</c>), and a build composes them by
/// implementing the interfaces. <see cref="NukeBuild"/> implements it.
/// </summary>
public interface INukeBuild
{
    /// <summary>True when the detected host is a developer's machine.</summary>
    static bool IsLocalBuild => NukeBuild.IsLocalBuild;

    /// <summary>True when the detected host is a CI service.</summary>
    static bool IsServerBuild => NukeBuild.IsServerBuild;

    AbsolutePath RootDirectory { get; }
    AbsolutePath TemporaryDirectory { get; }
    Host Host { get; }
    SecretMasker Secrets { get; }
    ILogger Log { get; }
    ToolRunner Tools { get; }
    CancellationToken CancellationToken { get; }

    /// <summary>Per-run values components share between targets (e.g. a decrypted key), one per type.</summary>
    BuildState State { get; }

    string? EnvironmentVariable(string name);

    /// <summary>This job's share of the work when the CI service runs it as parallel copies (see <see cref="Nuke.Common.Partition"/>).</summary>
    Partition Partition => Host.GetPartition(EnvironmentVariable);
    void RegisterCleanup(Func<ValueTask> cleanup);
    void RegisterCleanup(IAsyncDisposable disposable);
    void AddFinalLine(string line);

    /// <summary>
    /// The value the engine resolved for a parameter or injected member that has no storage of its own, as in
    /// <c>[Parameter] string? KmsKeyId => TryGetValue(() => KmsKeyId);</c> (command line, environment, parameters.json);
    /// default when nothing set it. Resolved once per run and cached.
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> member);

    /// <summary>
    /// When non-null, every scheduled target is skipped with this reason. A component may supply it with an explicit
    /// override (<c>string? INukeBuild.SkipAllReason => ...</c>); a class's override of NukeBuild.SkipAllReason wins.
    /// It is read before parameters are injected (a run that skips everything reads no .nuke/parameters.json), so it
    /// decides from the environment and the host, not from parameters.
    /// </summary>
    string? SkipAllReason => null;
}
