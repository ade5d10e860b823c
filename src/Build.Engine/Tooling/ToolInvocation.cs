namespace Nuke.Common.Tooling;

/// <summary>One process to run. Environment entries with a null value are removed from the child's environment.</summary>
public sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public string? StandardInput { get; init; }
    /// <summary>Inherited variables this tool needs although they hold a secret (e.g. a package feed token); all others are withheld.</summary>
    public IReadOnlyList<string> PassSecrets { get; init; } = [];
    /// <summary>Stream each output line to the log (masked by the host's logger); off for machine-read output.</summary>
    public bool LogOutput { get; init; } = true;
    /// <summary>Return a non-zero exit code to the caller instead of throwing.</summary>
    public bool AllowFailure { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Called with each standard output line as it arrives (e.g. to learn what a long-running child announces).</summary>
    public Action<string>? OnOutputLine { get; init; }
    /// <summary>Called with each standard error line as it arrives.</summary>
    public Action<string>? OnErrorLine { get; init; }
}
