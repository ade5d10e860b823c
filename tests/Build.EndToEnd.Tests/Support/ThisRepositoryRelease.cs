using System.Text.Json;
using System.Text.Json.Nodes;
using Fixtures.Git;
using Fixtures.GitLab;

namespace EndToEnd.Tests.Support;

/// <summary>
/// This repository released by its own release job, once per test run: a clone of the source tree's committed HEAD
/// (under CI a clean clone of main) is pushed to a GitLab project on the smart-HTTP peer, its compile job and then its
/// release job (<c>./build.sh Tag --skip Restore Compile Test</c>, the generated .gitlab-ci.yml's) run through the
/// built build with a default-branch pipeline's variables, in job-token mode against the strict Releases/NuGet API
/// emulator, and the release job runs a second time as a retried job would. SelfReleaseTests checks what that left;
/// AdoptionTests installs the template and the build packages from the registry it filled, as an adopter does.
/// </summary>
/// <remarks>
/// Job-token mode because it needs the least setup and matches this repository: it has no .nuke/deploy-key.enc, so
/// PushWith=auto picks the job token in its own pipelines too; no key to generate and encrypt, no KMS, STS or sshd.
/// The test that runs it disposes it, which removes its clone of this repository and the peers' directories: a
/// removal at process exit did not happen (the test host is ended before its exit handlers run), and every run left
/// a copy of this repository under /tmp.
/// </remarks>
public sealed class ThisRepositoryRelease : IDisposable
{
    public const string Project = "gitlab-release/gitlab-release-build";
    public const string ProjectId = "777";

    /// <summary>The packages of this repository: one per project under src/ (five: the four libraries and the template).</summary>
    public static readonly string[] PackageIds =
        ["GitLabRelease.Build.Components", "GitLabRelease.Build.Engine", "GitLabRelease.Build.GitLab", "GitLabRelease.Build.Release", "GitLabRelease.Templates"];

    /// <summary>The subject of the commit the copy adds (its GitVersion.yml change), which the release notes list.</summary>
    public const string ReleasedCommitSubject = "test: release a version no earlier run used (SelfReleaseTests)";

    private ThisRepositoryRelease(string jobToken, GitRepo copy, GitHttpServer http, GitLabApiEmulator api)
    {
        JobToken = jobToken;
        Copy = copy;
        Http = http;
        Api = api;
    }

    public string JobToken { get; }

    /// <summary>The runner's work tree: the clone of this repository the jobs ran in.</summary>
    public GitRepo Copy { get; }

    public GitHttpServer Http { get; }
    public GitLabApiEmulator Api { get; }

    /// <summary>A version no run used before (see <see cref="UniqueNextVersion"/>).</summary>
    public string NextVersion { get; private set; } = "";

    public BuildResult CompileJob { get; private set; } = null!;
    public BuildResult First { get; private set; } = null!;
    public BuildResult Rerun { get; private set; } = null!;

    /// <summary>GitVersion's variables as the release job wrote them (artifacts/version.json).</summary>
    public JsonElement Version { get; private set; }

    public string SemVer => Version.GetProperty("SemVer").GetString()!;
    public string ReleaseNotes { get; private set; } = "";

    /// <summary>The emulator's counters and the Release after the first run, to compare the rerun with.</summary>
    public int WritesAfterFirst { get; private set; }
    public int UploadsAfterFirst { get; private set; }
    public JsonObject? ReleaseAfterFirst { get; private set; }
    public IReadOnlyList<string> PackagesAfterFirst { get; private set; } = [];

    /// <summary>The work tree's packages after the first run (artifacts/packages), file names only.</summary>
    public IReadOnlyList<string> PackedFiles { get; private set; } = [];

    /// <summary>The service index of the project's NuGet registry, as an adopter's nuget.config names it.</summary>
    public string RegistryIndexUrl => $"{Api.ApiUrl.AbsoluteUri.TrimEnd('/')}/projects/{ProjectId}/packages/nuget/index.json";

    /// <summary>
    /// The variables of a default-branch push pipeline of <see cref="Project"/> on a GitLab that lets the job token
    /// push (CI_SERVER_URL is the HTTP peer) with its API at the emulator.
    /// </summary>
    public BuildProcess Pipeline()
    {
        var build = BuildProcess.DefaultBranchPipeline(Copy.Path, Copy.Head, Project);
        build.Environment["CI_SERVER_URL"] = Http.ServerUrl;
        build.Environment["CI_SERVER_HOST"] = "127.0.0.1";
        build.Environment["CI_API_V4_URL"] = Api.ApiUrl.AbsoluteUri;
        build.Environment["CI_PROJECT_ID"] = ProjectId;
        build.Environment["CI_JOB_TOKEN"] = JobToken;
        build.Environment["GITLAB_USER_LOGIN"] = "release.tester";
        build.Environment["GITLAB_USER_NAME"] = "Release Tester";
        build.Environment["GITLAB_USER_EMAIL"] = "release-tester@example.test";
        // The compile and the release jobs share the global packages folder, as the pipeline's NuGet cache does.
        build.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        build.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        return build;
    }

    /// <summary>Runs the compile job, the release job and its rerun; dispose the result when done with it.</summary>
    public static async Task<ThisRepositoryRelease> ReleaseAsync()
    {
        var jobToken = "glcbt-64_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var copy = GitRepo.CloneOf(SourceTree.Root);
        var http = new GitHttpServer(jobToken);
        var api = new GitLabApiEmulator(ProjectId, Project, jobToken, tag => http.TagCommit(Project, tag) is not null);
        var release = new ThisRepositoryRelease(jobToken, copy, http, api);
        try
        {
            await release.RunAsync();
            return release;
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    private async Task RunAsync()
    {
        // The default branch, as GitLab checks it out (whatever branch the source tree is on), and no tag of the source
        // tree: this is the project's first release.
        Copy.Git("checkout", "-q", "-B", "main");
        foreach (var tag in Copy.Git("tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries)) Copy.Git("tag", "-d", tag);
        NextVersion = UniqueNextVersion();
        var config = Path.Combine(Copy.Path, "GitVersion.yml");
        await File.AppendAllTextAsync(config, $"# E2E (SelfReleaseTests): a version no earlier run used, see ThisRepositoryRelease.UniqueNextVersion\nnext-version: {NextVersion}\n");
        Copy.Git("add", "GitVersion.yml");
        // Committed now, not at GitRepo's fixed test dates: a commit dated before its parent confuses GitVersion.
        Fixtures.Ssh.FixtureProcess.Run("git", ["-c", "user.name=Release Tester", "-c", "user.email=release-tester@example.test",
            "commit", "-q", "-m", ReleasedCommitSubject], Copy.Path);
        Http.CreateProject(Project, allowJobTokenPush: true);
        // origin is the project's repository: a runner's checkout fetches from it with credentials of its own (which
        // the build never sees); its path on disk stands in for that, as in the other release tests.
        Copy.Git("remote", "set-url", "origin", Http.ProjectPath(Project));
        Copy.Git("push", "-q", "origin", "main");

        // The compile job, limited to what the release job packs: the release job's Pack runs `dotnet pack --no-build`
        // on the compile job's output (its artifacts), and the test projects' output is not packed. A solution of the
        // src/ projects, outside the root so the build still finds App.sln as the only solution there.
        var packable = Directory.GetDirectories(Path.Combine(Copy.Path, "src")).SelectMany(d => Directory.GetFiles(d, "*.csproj")).Order(StringComparer.Ordinal)
            .Select(p => $"  <Project Path=\"../../{Path.GetRelativePath(Copy.Path, p).Replace('\\', '/')}\" />");
        var solution = Path.Combine(Copy.Path, ".nuke", "temp", "packable.slnx");
        Directory.CreateDirectory(Path.GetDirectoryName(solution)!);
        await File.WriteAllTextAsync(solution, $"<Solution>\n{string.Join("\n", packable)}\n</Solution>\n");
        CompileJob = await Pipeline().RunAsync(["Compile", "--solution", ".nuke/temp/packable.slnx"], TimeSpan.FromMinutes(6));
        if (CompileJob.ExitCode != 0) throw new InvalidOperationException("The compile job failed: " + CompileJob);

        string[] releaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];
        First = await Pipeline().RunAsync(releaseJob, TimeSpan.FromMinutes(4));
        var artifacts = Path.Combine(Copy.Path, "artifacts");
        if (First.ExitCode == 0)
        {
            Version = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(artifacts, "version.json"))).RootElement.Clone();
            ReleaseNotes = await File.ReadAllTextAsync(Path.Combine(artifacts, "release-notes.md"));
            PackedFiles = [.. Directory.GetFiles(Path.Combine(artifacts, "packages")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        }
        WritesAfterFirst = Api.Writes;
        UploadsAfterFirst = Api.Uploads;
        ReleaseAfterFirst = First.ExitCode == 0 ? Api.Release("v" + SemVer) : null;
        PackagesAfterFirst = [.. Api.Packages.Select(p => $"{p.Name} {p.Version} {p.Files.Count}")];

        // The job retried (or a pipeline run again for the same commit): the same work tree and variables.
        Rerun = await Pipeline().RunAsync(releaseJob, TimeSpan.FromMinutes(4));
    }

    /// <summary>
    /// GitVersion gives this repository's main 0.0.1 at every commit until a release tag exists, and the global NuGet
    /// packages folder caches a package by id and version for good: an adopter's restore of the packages released
    /// here (AdoptionTests) would take an earlier run's, built from other sources, if the version repeated. So the
    /// copy's GitVersion.yml gets a next-version no earlier run had: 0.(days since 2020).(seconds of the day / 2),
    /// each part within the 65534 an assembly version allows, moved on while the global folder holds it already (a
    /// colleague's run in the same two seconds). The test still reads the version from GitVersion's output rather
    /// than assuming it. AdoptionTests removes the version's packages from the global folder when it is done.
    /// </summary>
    private static string UniqueNextVersion()
    {
        var now = DateTime.UtcNow;
        var (minor, patch) = ((int)(now - new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays, (int)now.TimeOfDay.TotalSeconds / 2);
        while (PackageIds.Any(id => Directory.Exists(Path.Combine(GlobalPackagesFolder, id.ToLowerInvariant(), $"0.{minor}.{patch}")))) patch++;
        return $"0.{minor}.{patch}";
    }

    /// <summary>Where restores on this machine cache packages (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public void Dispose()
    {
        Api.Dispose();
        Http.Dispose();
        Copy.Dispose();
        try
        {
            Directory.Delete(Http.Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
