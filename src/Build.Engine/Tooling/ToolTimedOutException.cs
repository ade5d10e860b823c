namespace Nuke.Common.Tooling;

/// <summary>A process outlived its <see cref="ToolInvocation.Timeout"/> and was ended (with everything it started).</summary>
public sealed class ToolTimedOutException(string tool, TimeSpan timeout)
    : BuildException($"{tool} did not finish within {timeout.TotalSeconds:0} s and was stopped.")
{
    public string Tool { get; } = tool;
    public TimeSpan Timeout { get; } = timeout;
}
