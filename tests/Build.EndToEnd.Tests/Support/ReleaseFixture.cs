using System.Text;
using Fixtures.Kms;
using Fixtures.Ssh;
using Fixtures.Git;
using Fixtures.GitLab;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The peers of a release, started once for a test collection: GitLab's SSH side (a real sshd serving bare
/// repositories), its HTTPS side, KMS and STS (the emulator), a write-enabled and a read-only deploy key. Every
/// secret is this instance's own, so collections running side by side cannot see each other's as a leak.
/// </summary>
public sealed class ReleaseFixture : IAsyncLifetime
{
    public const string RoleArn = "arn:aws:iam::111122223333:role/gitlab-release";
    public const string ProjectId = "4242";

    /// <summary>A job token generated per fixture, as GitLab's are per job: it must show up nowhere.</summary>
    public string JobToken { get; } = "glcbt-64_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public const string GitLabUrl = "https://gitlab.example.test";

    /// <summary>The GitLab instance's OIDC signer; STS trusts it for <see cref="RoleArn"/> the way the onboarding files set up.</summary>
    public OidcIssuer Issuer { get; } = new(GitLabUrl);

    /// <summary>A default-branch job token, audience the instance URL (the generated job's default); valid for the test run.</summary>
    public string IdToken { get; }

    private readonly string _keys = GitRepo.NewTempDirectory("e2e-keys");
    private readonly SemaphoreSlim _generating = new(1, 1);
    private readonly Dictionary<bool, string> _generated = [];
    private int _projects;

    public ReleaseFixture() => IdToken = Issuer.MintJobToken("group/project", "main", GitLabUrl, TimeSpan.FromHours(2));

    public SshdServer Sshd { get; private set; } = null!;

    /// <summary>GitLab's HTTPS git endpoint (smart HTTP, job-token auth) for job-token pushes; CI_SERVER_URL points at it.</summary>
    public GitHttpServer Http { get; private set; } = null!;
    public KmsEmulator Kms { get; private set; } = null!;
    public string KmsKeyId { get; private set; } = null!;
    public SshKeyPair WriteKey { get; private set; } = null!;
    public SshKeyPair ReadOnlyKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sshd = await SshdServer.StartAsync();
        Http = new GitHttpServer(JobToken);
        Kms = KmsEmulator.Start();
        KmsKeyId = Kms.CreateKey("deploy key").Id;
        Kms.Sts.TrustGitLabProject(Issuer, "gitlab-release", "group/project", "main", GitLabUrl);
        WriteKey = SshKeyPair.Generate(_keys, "write");
        ReadOnlyKey = SshKeyPair.Generate(_keys, "read-only");
        Sshd.AuthorizeKey(WriteKey.PublicKeyLine, canWrite: true);
        Sshd.AuthorizeKey(ReadOnlyKey.PublicKeyLine, canWrite: false);
    }

    public async Task DisposeAsync()
    {
        Sshd.Dispose();
        Http.Dispose();
        await Kms.DisposeAsync();
        Issuer.Dispose();
        _generating.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    /// <summary>
    /// A work tree like a GitLab runner's: one commit on main, pushed to a new project on the sshd, the deploy key
    /// encrypted into .nuke/deploy-key.enc for that project, and .gitlab-ci.yml as the build generates it.
    /// </summary>
    public async Task<ReleaseRepo> CreateRepoAsync(SshKeyPair? deployKey = null, bool withReleaseSetup = true)
    {
        var project = $"group/project{Interlocked.Increment(ref _projects)}";
        var bare = Sshd.CreateProject(project);
        var repo = GitRepo.Init();
        Directory.CreateDirectory(Path.Combine(repo.Path, ".nuke"));
        repo.WriteFile(".gitignore", ".nuke/temp/\nartifacts/\n");
        repo.WriteFile(".nuke/parameters.json", "{}\n");
        repo.WriteFile("GitVersion.yml", await File.ReadAllTextAsync(Path.Combine(SourceTree.Root, "GitVersion.yml")));
        if (withReleaseSetup)
        {
            var context = new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = project };
            var blob = Kms.Encrypt(KmsKeyId, Encoding.UTF8.GetBytes((deployKey ?? WriteKey).PrivateKeyText), context);
            repo.WriteFile(".nuke/deploy-key.enc", Convert.ToBase64String(blob) + "\n");
        }
        // After the key: whether the release job asks for the ID token depends on it.
        repo.WriteFile(".gitlab-ci.yml", await GeneratedPipelineAsync(withReleaseSetup));
        repo.Git("add", "-A");
        repo.Commit("Initial commit");
        repo.Git("remote", "add", "origin", bare);
        repo.Git("push", "-q", "origin", "main");
        return new ReleaseRepo(this, repo, project);
    }

    /// <summary>
    /// The .gitlab-ci.yml the built build generates (--generate-configuration) for a repository like
    /// <see cref="CreateRepoAsync"/>'s, with or without .nuke/deploy-key.enc, the one input it depends on here: generated
    /// once per fixture and variant rather than once per repository (a build process each).
    /// </summary>
    private async Task<string> GeneratedPipelineAsync(bool withDeployKey)
    {
        await _generating.WaitAsync();
        try
        {
            if (_generated.TryGetValue(withDeployKey, out var cached)) return cached;
            using var repo = GitRepo.Init();
            Directory.CreateDirectory(Path.Combine(repo.Path, ".nuke"));
            repo.WriteFile(".gitignore", ".nuke/temp/\nartifacts/\n");
            repo.WriteFile(".nuke/parameters.json", "{}\n");
            repo.WriteFile("GitVersion.yml", await File.ReadAllTextAsync(Path.Combine(SourceTree.Root, "GitVersion.yml")));
            if (withDeployKey) repo.WriteFile(".nuke/deploy-key.enc", Convert.ToBase64String(Kms.Encrypt(KmsKeyId, [1, 2, 3], new Dictionary<string, string>())) + "\n");
            var generate = await new BuildProcess { Root = repo.Path }.RunAsync(["--generate-configuration"]);
            Assert.True(generate.ExitCode == 0, generate.ToString());
            return _generated[withDeployKey] = await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitlab-ci.yml"));
        }
        finally
        {
            _generating.Release();
        }
    }
}

public sealed class ReleaseRepo(ReleaseFixture fixture, GitRepo repo, string project) : IDisposable
{
    public GitRepo Repo { get; } = repo;
    public string Project { get; } = project;

    /// <summary>The variables of a default-branch push pipeline on GitLab, with OIDC to AWS and the push going to the sshd.</summary>
    public BuildProcess Pipeline(string? knownHosts = null, GitLabApiEmulator? api = null)
    {
        var build = BuildProcess.DefaultBranchPipeline(Repo.Path, Repo.Head, Project);
        foreach (var (name, value) in fixture.Kms.ClientEnvironment()) build.Environment[name] = value;
        var variables = new Dictionary<string, string?>
        {
            ["GITLAB_USER_NAME"] = "Release Tester",
            ["GITLAB_USER_EMAIL"] = "release-tester@example.test",
            ["AWS_ROLE_ARN"] = ReleaseFixture.RoleArn,
            ["AWS_ID_TOKEN"] = fixture.IdToken,
            ["KMS_KEY_ID"] = fixture.KmsKeyId,
            ["PUSH_URL"] = fixture.Sshd.SshUrl(Project),
            ["SSH_KNOWN_HOSTS"] = knownHosts ?? fixture.Sshd.KnownHostsLine,
        };
        foreach (var (name, value) in variables) build.Environment[name] = value;
        if (api is not null)
        {
            build.Environment["CI_API_V4_URL"] = api.ApiUrl.AbsoluteUri;
            build.Environment["CI_PROJECT_ID"] = api.ProjectId;
            build.Environment["CI_JOB_TOKEN"] = api.JobToken;
        }
        return build;
    }

    /// <summary>
    /// The project on GitLab's HTTPS endpoint too (main pushed there as well), with "Allow Git push requests to the
    /// repository" as given (GitLab's default is off).
    /// </summary>
    public void PublishOverHttp(bool allowJobTokenPush)
    {
        fixture.Http.CreateProject(Project, allowJobTokenPush);
        Repo.Git("push", "-q", fixture.Http.ProjectPath(Project), "main");
    }

    /// <summary>
    /// A default-branch pipeline of a GitLab that lets the job token push: CI_SERVER_URL is the HTTP peer, the job's
    /// token and user are set, and no AWS or SSH setting is needed (PUSH_URL still names the sshd: it must not be used).
    /// </summary>
    public BuildProcess JobTokenPipeline(GitLabApiEmulator api)
    {
        var build = Pipeline(api: api);
        build.Environment["CI_SERVER_URL"] = fixture.Http.ServerUrl;
        build.Environment["CI_SERVER_HOST"] = "127.0.0.1";
        build.Environment["GITLAB_USER_LOGIN"] = "release.tester";
        foreach (var name in new[] { "AWS_ROLE_ARN", "AWS_ID_TOKEN", "KMS_KEY_ID", "SSH_KNOWN_HOSTS" }) build.Environment[name] = null;
        return build;
    }

    /// <summary>GitLab's API for this project, whose repository is the HTTP peer's.</summary>
    public GitLabApiEmulator StartHttpApi() =>
        new(ReleaseFixture.ProjectId, Project, fixture.JobToken, tag => fixture.Http.TagCommit(Project, tag) is not null);

    /// <summary>GitLab's API for this project: a Release needs the tag to be on the sshd, as GitLab needs it in the repository.</summary>
    public GitLabApiEmulator StartApi() =>
        new(ReleaseFixture.ProjectId, Project, fixture.JobToken, tag => fixture.Sshd.TagCommit(Project, tag) is not null);

    /// <summary>True when the build reported decrypting the deploy key (into memory; there is no key file to look for).</summary>
    public static bool DecryptedIn(string output) => output.Contains("Deploy key decrypted (in memory only)", StringComparison.Ordinal);

    public void Dispose() => Repo.Dispose();
}
