namespace Nuke.Common.Tooling;

public sealed class ToolFailedException(string tool, int exitCode, string stderrTail, string? fix = null)
    : BuildException($"{tool} exited with code {exitCode}{(stderrTail.Length > 0 ? ":" + System.Environment.NewLine + stderrTail : ".")}", fix)
{
    public string Tool { get; } = tool;
    public int ExitCode { get; } = exitCode;
    public string StandardErrorTail { get; } = stderrTail;
}
