using Build.Engine.Tooling;

namespace Build.Release.Versioning;

/// <summary>Runs git quietly (its output is parsed, not shown) and returns failures to the caller.</summary>
internal sealed class QuietGit(ToolRunner runner)
{
    public Task<ToolResult> RunAsync(string directory, CancellationToken ct, params string[] arguments) =>
        runner.RunAsync(new ToolInvocation("git", arguments)
        {
            WorkingDirectory = directory,
            LogOutput = false,
            AllowFailure = true,
            // Prompts would hang a pipeline; a locale other than C would change the messages parsed here.
            Environment = new Dictionary<string, string?> { ["GIT_TERMINAL_PROMPT"] = "0", ["LC_ALL"] = "C" },
        }, ct);
}
