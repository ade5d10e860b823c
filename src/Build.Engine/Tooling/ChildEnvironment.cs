using System.Collections;
using Nuke.Common.Output;
using Nuke.Common.Parameters;

namespace Nuke.Common.Tooling;

/// <summary>
/// What a child process inherits: the build's environment minus every variable that holds a registered secret,
/// a secret-shaped value (a private key, an ID token) or a name a layer asked to withhold (e.g. session
/// credentials). A tool that needs one of them (dotnet restore and a package feed token) names it in
/// <see cref="ToolInvocation.PassSecrets"/>; values the build sets for the call itself are passed as given.
/// </summary>
public sealed class ChildEnvironment(SecretMasker secrets, Func<RunScratch>? scratch = null)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _withheld = new(StringComparer.Ordinal);
    private RunScratch? _scratch;

    /// <summary>Secret variables a package restore may pass on (the host's package feed token).</summary>
    public IReadOnlyList<string> PackageFeedVariables { get; init; } = [];

    /// <summary>The masker whose secrets children never see.</summary>
    public SecretMasker Secrets => secrets;

    /// <summary>The run's private directory (created on first use).</summary>
    public RunScratch Scratch
    {
        get
        {
            lock (_gate) return _scratch ??= scratch is not null ? scratch() : RunScratch.Create(RunScratch.DefaultCandidates(Environment.GetEnvironmentVariable), null);
        }
    }

    /// <summary>True in a build: children are recorded so that a later run can end them if this one is killed.</summary>
    public bool RecordsChildren => scratch is not null;

    internal RunScratch? ScratchIfCreated
    {
        get { lock (_gate) return _scratch; }
    }

    /// <summary>Variables no child gets, whatever their value.</summary>
    public void Withhold(params string[] names)
    {
        lock (_gate) foreach (var name in names) _withheld.Add(name);
    }

    /// <summary>The changes to the inherited environment for one call: null removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> For(ToolInvocation invocation)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var registered = secrets.Registered;
        string[] withheld;
        lock (_gate) withheld = _withheld.ToArray();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is not string name || entry.Value is not string value) continue;
            if (invocation.PassSecrets.Contains(name, StringComparer.Ordinal)) continue;
            if (withheld.Contains(name, StringComparer.Ordinal) || SecretShape.IsSecret(value)
                || registered.Any(secret => value.Contains(secret, StringComparison.Ordinal)))
                result[name] = null;
        }
        foreach (var (name, value) in invocation.Environment) result[name] = value;
        return result;
    }

    internal void Dispose()
    {
        lock (_gate) _scratch?.Dispose();
    }
}
