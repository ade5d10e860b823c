using System.Diagnostics;

namespace Fixtures.Ssh;

/// <summary>Runs a short helper process (git, ssh-keygen) for a fixture or a test's own setup.</summary>
public static class FixtureProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, bool check = true, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        // A fresh CI machine has no git identity; fixtures commit and tag anyway.
        foreach (var role in new[] { "AUTHOR", "COMMITTER" })
        {
            if (!start.Environment.ContainsKey($"GIT_{role}_NAME")) start.Environment[$"GIT_{role}_NAME"] = "Fixture";
            if (!start.Environment.ContainsKey($"GIT_{role}_EMAIL")) start.Environment[$"GIT_{role}_EMAIL"] = "fixture@example.invalid";
        }
        if (environment is not null)
            foreach (var (key, value) in environment)
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The output is awaited within the same limit: a process that exits while something it started keeps its
        // output open would otherwise hold the test (and the test run) for good.
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        if (!process.WaitForExit(limit) || !Task.WaitAll([stdout, stderr], Remaining(limit, clock)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s"
                + (process.HasExited ? " (it exited, but a process it started still holds its output)." : "."));
        }
        var result = new Result(process.ExitCode, stdout.Result, stderr.Result);
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        return result;
    }

    private static TimeSpan Remaining(TimeSpan limit, Stopwatch clock) => limit - clock.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public static Result Git(string workingDirectory, params string[] arguments) => Run("git", arguments, workingDirectory);
}
