using System.Diagnostics;
using System.Text;

namespace EndToEnd.Tests.Support;

/// <summary>
/// Runs the built build (_build.dll beside the tests) as a child process with an environment of the test's
/// choosing: the AWS SDK caches configuration per process, and GitLab variables must not leak in from CI.
/// </summary>
public sealed class BuildProcess
{
    // Variables a CI machine or a developer shell may carry that would change what the build does.
    private static readonly string[] ScrubbedPrefixes = ["CI_", "GITLAB_", "AWS_", "NUKE_", "SSH_KNOWN_HOSTS", "PUSH_URL",
        "KMS_KEY_ID", "DEPLOY_KEY", "TAG_PREFIX", "CONFIGURATION", "SOLUTION", "FORCE"];

    public static string BuildDll => Path.Combine(AppContext.BaseDirectory, "_build.dll");

    public required string Root { get; init; }

    /// <summary>A build with the variables GitLab sets in a default-branch push pipeline of <paramref name="project"/>.</summary>
    public static BuildProcess DefaultBranchPipeline(string root, string commitSha, string project)
    {
        var build = new BuildProcess { Root = root };
        build.Environment["GITLAB_CI"] = "true";
        build.Environment["CI_COMMIT_BRANCH"] = "main";
        build.Environment["CI_COMMIT_REF_NAME"] = "main";
        build.Environment["CI_DEFAULT_BRANCH"] = "main";
        build.Environment["CI_COMMIT_SHA"] = commitSha;
        build.Environment["CI_PIPELINE_SOURCE"] = "push";
        build.Environment["CI_PIPELINE_ID"] = "4242";
        build.Environment["CI_PROJECT_PATH"] = project;
        build.Environment["CI_SERVER_HOST"] = "gitlab.example.test";
        build.Environment["CI_SERVER_URL"] = "https://gitlab.example.test";
        return build;
    }
    public Dictionary<string, string?> Environment { get; } = new();

    /// <summary>A command the build runs under (e.g. unshare for a private mount namespace); the build's command line is appended.</summary>
    public IReadOnlyList<string>? WrapWith { get; set; }

    public async Task<BuildResult> RunAsync(string[] arguments, TimeSpan? timeout = null, Func<Process, StringBuilder, Task>? whileRunning = null)
    {
        var info = new ProcessStartInfo(WrapWith is { Count: > 0 } wrapper ? wrapper[0] : "dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (WrapWith is { Count: > 0 })
        {
            foreach (var argument in WrapWith.Skip(1)) info.ArgumentList.Add(argument);
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(BuildDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--no-logo");
        foreach (var name in info.Environment.Keys.ToArray())
            if (ScrubbedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
                info.Environment.Remove(name);
        foreach (var (name, value) in Environment)
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(4));
        try
        {
            if (whileRunning is not null) await whileRunning(process, output);
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The build did not finish in time. Output so far:\n{output}");
        }
        process.WaitForExit(); // drains the output handlers
        string text;
        lock (output) text = output.ToString();
        var log = Path.Combine(Root, ".nuke", "temp", "build.log");
        return new BuildResult(process.ExitCode, text, File.Exists(log) ? await File.ReadAllTextAsync(log) : "");
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public static async Task WaitForOutputAsync(StringBuilder output, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (output) if (output.ToString().Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(50);
        }
        lock (output) throw new TimeoutException($"'{text}' did not appear in the output:\n{output}");
    }
}

public sealed record BuildResult(int ExitCode, string Output, string Log)
{
    /// <summary>Everything the build wrote where a person or a CI log could read it.</summary>
    public string AllText => Output + "\n" + Log;

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
