using Nuke.Common.Tooling;
using Serilog;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Where test results go: JUnit XML per test project, Cobertura per test project.</summary>
public sealed record DotNetTestRun(AbsolutePath Solution, string Configuration, AbsolutePath TestResultsDirectory, AbsolutePath CoverageDirectory)
{
    /// <summary>The test projects to run; null for every test project of the solution.</summary>
    public IReadOnlyList<AbsolutePath>? Projects { get; init; }

    /// <summary>A test filter per project path, joined with the build's own filter (both must match): this run's share of a project split between copies of the test job.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary>The filter a project's <c>dotnet test</c> runs with: the build's own (<paramref name="own"/>) and this run's share of the project.</summary>
    public string? FilterFor(AbsolutePath project, string? own) =>
        !Filters.TryGetValue(project, out var share) ? own
        : own is { Length: > 0 } ? $"({own})&({share})"
        : share;

    /// <summary>The build's hook on each project's <c>dotnet test</c> (filter, verbosity, more loggers, ...); reporting options are added after it.</summary>
    public Configure<DotNetTestSettings> Settings { get; init; } = _ => _;
}

/// <summary>The outcome of <see cref="DotNetCli.TestAsync"/>; <see cref="Coverage"/> is null when no run produced a Cobertura file.</summary>
public sealed record TestReport(TestCounts Counts, LineCoverage? Coverage, IReadOnlyList<string> FailedProjects)
{
    /// <summary>How long each test project's dotnet test took, by project name.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Durations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The summed durations of each project's tests by class (from its JUnit file), by project name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, TimeSpan>> ClassDurations { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, TimeSpan>>();

    public bool Succeeded => Counts.Failed == 0 && FailedProjects.Count == 0;

    public void ThrowIfFailed()
    {
        if (Counts.Failed > 0)
            throw new BuildException($"{Counts.Failed} of {Counts.Total} tests failed.", "See the failing tests above and in artifacts/test-results/.");
        if (FailedProjects.Count > 0)
            throw new BuildException($"dotnet test failed for {string.Join(", ", FailedProjects)} without a failing test.",
                "See the test host output above (crash, missing build, or no tests discovered).");
    }
}

/// <summary>Restore, build and test through the dotnet CLI, logging through the build's (masking) logger.</summary>
public sealed class DotNetCli(ToolRunner tools, ILogger log)
{
    private static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    public Task RestoreAsync(AbsolutePath solution, CancellationToken cancellationToken = default) =>
        // The one call that may authenticate to the host's package feed (a nuget.config naming the job token).
        tools.RunAsync(new ToolInvocation("dotnet", ["restore", solution, "--nologo"])
        {
            WorkingDirectory = solution.Parent!, Environment = Quiet, PassSecrets = tools.Children.PackageFeedVariables,
        }, cancellationToken);

    /// <param name="properties">MSBuild properties as <c>-p:Name=Value</c> arguments (e.g. the version to stamp).</param>
    public Task BuildAsync(AbsolutePath solution, string configuration, IReadOnlyList<string>? properties = null, CancellationToken cancellationToken = default) =>
        RunAsync(["build", solution, "--no-restore", "--nologo", "-c", configuration, .. properties ?? []], solution.Parent!, cancellationToken);

    /// <summary>
    /// Tests every test project of the solution (in parallel, one dotnet test each, so each project's JUnit and
    /// Cobertura file can be named after it), then sums the results. Does not throw on failing tests: see <see cref="TestReport.ThrowIfFailed"/>.
    /// </summary>
    public async Task<TestReport> TestAsync(DotNetTestRun settings, CancellationToken cancellationToken = default)
    {
        var projects = settings.Projects ?? SolutionFile.TestProjects(settings.Solution);
        if (settings.Projects is null && projects.Count == 0)
            throw new BuildException($"{settings.Solution.Name} has no test project.", "Add a project with <IsTestProject>true</IsTestProject> to the solution.");

        var raw = settings.TestResultsDirectory / "raw";
        if (raw.DirectoryExists()) Directory.Delete(raw, recursive: true);
        settings.TestResultsDirectory.CreateDirectory();
        settings.CoverageDirectory.CreateDirectory();

        var runs = await Task.WhenAll(projects.Select(project => TestProjectAsync(project, settings, raw / project.NameWithoutExtension, cancellationToken)));

        var junitFiles = runs.Select(r => r.JUnit).Where(File.Exists).ToList();
        var coverageFiles = runs.Select(r => r.Coverage).OfType<AbsolutePath>().Select(p => (string)p).ToList();
        var counts = TestCounts.FromJUnit(junitFiles);
        // No file is not 0 %: reporting 0.00 % would make GitLab show a coverage the project never had.
        var coverage = coverageFiles.Count > 0 ? LineCoverage.FromCobertura(coverageFiles) : null;
        return new TestReport(counts, coverage, runs.Where(r => r.ExitCode != 0).Select(r => r.Project).ToList())
        {
            Durations = runs.ToDictionary(r => r.Project, r => r.Duration),
            ClassDurations = runs.Where(r => File.Exists(r.JUnit)).ToDictionary(r => r.Project, r => TrxToJUnit.ClassDurations(r.JUnit)),
        };
    }

    private async Task<(string Project, int ExitCode, string JUnit, AbsolutePath? Coverage, TimeSpan Duration)> TestProjectAsync(
        AbsolutePath project, DotNetTestRun settings, AbsolutePath rawResults, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var name = project.NameWithoutExtension;
        var junit = settings.TestResultsDirectory / $"{name}.xml";
        if (junit.FileExists()) File.Delete(junit);
        // Both come from what Microsoft.NET.Test.Sdk already brings: the TRX logger is built into VSTest, and
        // Microsoft.CodeCoverage writes Cobertura; the test project needs no logger or coverlet package.
        var test = settings.Settings(new DotNetTestSettings().SetProjectFile(project).EnableNoBuild().EnableNoLogo().SetConfiguration(settings.Configuration))
            .AddLoggers($"trx;LogFileName={name}.trx")
            .SetSettingsFile(CoverageSettings.Write(rawResults))
            .SetResultsDirectory(rawResults);
        test = test.SetFilter(settings.FilterFor(project, test.Filter));
        // What a project printed so far is logged when the build is stopped (a CI job timeout on a hung test) or the
        // project outlives its ProcessExecutionTimeout: otherwise the one project that never finished is the one whose
        // output nobody sees.
        var printed = new List<string>();
        void Print(string line) { lock (printed) printed.Add(line); }
        ToolResult result;
        try
        {
            result = await tools.RunAsync(new ToolInvocation(test.ProcessToolPath ?? "dotnet", test.GetArguments().Items)
            {
                WorkingDirectory = settings.Solution.Parent!,
                Environment = Quiet,
                LogOutput = false,
                AllowFailure = true,
                Timeout = test.ProcessExecutionTimeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                OnOutputLine = Print,
                OnErrorLine = Print,
            }, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or ToolTimedOutException)
        {
            var ran = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            log.Warning("dotnet test {Project} was stopped after {Minutes}:{Seconds:00} min before it finished; it had printed:", name, (int)ran.TotalMinutes, ran.Seconds);
            lock (printed) foreach (var line in printed) log.Information("  {Line}", line.TrimEnd('\r'));
            throw;
        }
        var duration = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        // Parallel projects would interleave line by line; each project's output is logged as one block instead.
        log.Information("dotnet test {Project}:", name);
        foreach (var line in (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            log.Information("  {Line}", line.TrimEnd('\r'));

        var trx = rawResults / $"{name}.trx";
        if (trx.FileExists()) TrxToJUnit.ConvertFile(trx, junit, name);

        var coverage = rawResults.DirectoryExists()
            ? Directory.GetFiles(rawResults, "*.cobertura.xml", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).LastOrDefault()
            : null;
        AbsolutePath? copied = null;
        if (coverage is not null)
        {
            copied = settings.CoverageDirectory / $"{name}.cobertura.xml";
            File.Copy(coverage, copied, overwrite: true);
        }
        return (name, result.ExitCode, junit, copied, duration);
    }

    /// <summary>Runs one fluent dotnet command (<c>new DotNetBuildSettings().SetProjectFile(...)</c>) from the solution's directory.</summary>
    public Task<ToolResult> RunAsync(DotNetToolSettings settings, CancellationToken cancellationToken = default) =>
        tools.RunAsync(new ToolInvocation(settings.ProcessToolPath ?? "dotnet", settings.GetArguments().Items)
        {
            WorkingDirectory = settings.ProcessWorkingDirectory,
            Environment = settings.ProcessEnvironmentVariables,
            LogOutput = settings.ProcessLogOutput ?? true,
            // Only a restore may authenticate to the host's package feed (a nuget.config naming the job token).
            PassSecrets = settings is DotNetRestoreSettings ? tools.Children.PackageFeedVariables : [],
        }, cancellationToken);

    private Task RunAsync(IReadOnlyList<string> arguments, AbsolutePath workingDirectory, CancellationToken cancellationToken) =>
        tools.RunAsync(new ToolInvocation("dotnet", arguments) { WorkingDirectory = workingDirectory, Environment = Quiet }, cancellationToken);
}
