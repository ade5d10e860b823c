using System.Text.Json;
using Nuke.Common.Tooling;

namespace GitLabCI.Tests;

/// <summary>
/// Finds gitlab-ci-local as installed by tests/tools/install-gitlab-ci-local.sh: $GITLAB_CI_LOCAL (the executable),
/// else $GITLAB_CI_LOCAL_HOME/bin, else &lt;repo&gt;/.nuke/temp/tools/bin (the script's default).
/// </summary>
internal static class GitLabCiLocal
{
    public static string? Locate(out string searched)
    {
        var candidates = new List<string>();
        // An explicit path is the only place looked at, so a wrong setting is not hidden by another install.
        if (Environment.GetEnvironmentVariable("GITLAB_CI_LOCAL") is { Length: > 0 } explicitPath)
        {
            searched = explicitPath + " ($GITLAB_CI_LOCAL)";
            return File.Exists(explicitPath) ? explicitPath : null;
        }
        if (Environment.GetEnvironmentVariable("GITLAB_CI_LOCAL_HOME") is { Length: > 0 } home) candidates.Add(Path.Combine(home, "bin", "gitlab-ci-local"));
        if (RepositoryRoot() is { } root) candidates.Add(Path.Combine(root, ".nuke", "temp", "tools", "bin", "gitlab-ci-local"));
        searched = string.Join(", ", candidates);
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "App.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>Job names of a <c>--list-json</c> output that the pipeline would run (not <c>when: never</c>).</summary>
    public static IReadOnlyList<string> ActiveJobs(string listJson)
    {
        using var document = JsonDocument.Parse(listJson);
        return document.RootElement.EnumerateArray()
            .Where(job => job.GetProperty("when").GetString() != "never")
            .Select(job => job.GetProperty("name").GetString()!)
            .ToList();
    }

    public static IReadOnlyList<string> AllJobs(string listJson)
    {
        using var document = JsonDocument.Parse(listJson);
        return document.RootElement.EnumerateArray().Select(job => job.GetProperty("name").GetString()!).ToList();
    }
}

/// <summary>
/// One temp git repository holding the generated .gitlab-ci.yml on <c>main</c> (origin/HEAD -> main, so
/// gitlab-ci-local derives CI_DEFAULT_BRANCH from git), plus a worktree on a feature branch. Shared by the tests of a class.
/// </summary>
public sealed class GitLabCiLocalRepository : IAsyncLifetime
{
    private readonly ToolRunner runner = new(Serilog.Core.Logger.None);
    private readonly string root = Path.Combine(Path.GetTempPath(), "gitlab-ci-local-" + Guid.NewGuid().ToString("N")[..8]);

    public GitLabCiLocalRepository() => Tool = GitLabCiLocal.Locate(out searched);

    private readonly string searched;
    public string? Tool { get; }
    public string Searched => searched;
    public string Main => Path.Combine(root, "main");
    public string Feature => Path.Combine(root, "feature");
    private string Home => Path.Combine(root, "home");
    public string Yaml { get; } = new GitLabCIAttribute { IdTokenAudience = "https://gitlab.example.com" }.Generate(SampleModels.Contract());
    public string ShardedYaml { get; } = new GitLabCIAttribute { IdTokenAudience = "https://gitlab.example.com", TestShards = 2 }.Generate(SampleModels.Contract());

    public async Task InitializeAsync()
    {
        if (Tool is null) return;
        Directory.CreateDirectory(Main);
        Directory.CreateDirectory(Home);
        await Git(Main, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(Main, ".gitlab-ci.yml"), Yaml);
        await File.AppendAllTextAsync(Path.Combine(Main, ".git", "info", "exclude"), ".gitlab-ci-local/\n*.invalid.yml\n");
        await Git(Main, "add", ".gitlab-ci.yml");
        await Git(Main, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "pipeline");
        // Never contacted: gitlab-ci-local only parses the URL for CI_PROJECT_PATH and friends.
        await Git(Main, "remote", "add", "origin", "ssh://git@127.0.0.1:2222/group/app.git");
        await Git(Main, "update-ref", "refs/remotes/origin/main", "HEAD");
        await Git(Main, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        await Git(Main, "worktree", "add", "-q", "-b", "feature/login", Feature);
        await File.WriteAllTextAsync(Path.Combine(Main, ShardedFile), ShardedYaml);
        await File.WriteAllTextAsync(Path.Combine(Main, InvalidFile),
            Yaml.Replace("interruptible: true", "interruptible: maybe", StringComparison.Ordinal));

        // Each gitlab-ci-local call costs a second or more (mostly schema validation), so all run at once, up front.
        var scenarios = Scenarios.ToList();
        // Each gets its own state dir: gitlab-ci-local writes the expanded file there and validates that copy.
        var results = await Task.WhenAll(scenarios.Select(s =>
            Run(s.Value.Directory, ["--state-dir", $".gitlab-ci-local/{s.Key}", .. s.Value.Arguments])));
        for (var i = 0; i < scenarios.Count; i++) this.results[scenarios[i].Key] = results[i];
    }

    public const string InvalidFile = "schema.invalid.yml";
    public const string ShardedFile = "sharded.invalid.yml";

    private IReadOnlyDictionary<string, (string Directory, string[] Arguments)> Scenarios => new Dictionary<string, (string, string[])>
    {
        ["default-branch-push"] = (Main, ["--list-json"]),
        ["feature-branch-push"] = (Feature, ["--list-json"]),
        ["merge-request"] = (Main, ["--list-json", "--variable", "CI_PIPELINE_SOURCE=merge_request_event",
            "--variable", "CI_MERGE_REQUEST_IID=1", "--ignore-predefined-vars", "CI_PIPELINE_SOURCE"]),
        ["schedule"] = (Main, ["--list-json", "--variable", "CI_PIPELINE_SOURCE=schedule", "--ignore-predefined-vars", "CI_PIPELINE_SOURCE"]),
        ["tag"] = (Main, ["--list-json", "--variable", "CI_COMMIT_TAG=v1.0.0", "--unset-variable", "CI_COMMIT_BRANCH",
            "--ignore-predefined-vars", "CI_COMMIT_TAG"]),
        ["invalid-file"] = (Main, ["--list-json", "--file", InvalidFile]),
        ["sharded"] = (Main, ["--list-json", "--file", ShardedFile]),
    };

    private readonly Dictionary<string, ToolResult> results = new();

    /// <summary>The gitlab-ci-local result of a scenario (see <see cref="Scenarios"/>).</summary>
    public ToolResult Result(string scenario) => results[scenario];

    public Task DisposeAsync()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    public Task<ToolResult> Run(string workingDirectory, params string[] arguments) =>
        runner.RunAsync(new ToolInvocation(Tool!, ["--home", Home, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            LogOutput = false,
            AllowFailure = true,
            Timeout = TimeSpan.FromSeconds(60),
            // Colour codes would clutter the messages the tests print on failure.
            Environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["FORCE_COLOR"] = "0" },
        });

    private Task<ToolResult> Git(string workingDirectory, params string[] arguments) =>
        runner.RunAsync(new ToolInvocation("git", arguments) { WorkingDirectory = workingDirectory, LogOutput = false });
}
