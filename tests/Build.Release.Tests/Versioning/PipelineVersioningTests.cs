using Nuke.Common;
using GitLabRelease.Versioning;
using Fixtures.Git;
using Serilog.Core;

namespace Release.Tests.Versioning;

/// <summary>
/// GitLab-like checkouts: clones of an "origin" with HEAD detached at the pipeline's commit. Expected versions are
/// what GitVersion's CLI printed on the origin repository when that commit was the branch's tip.
/// </summary>
public sealed class PipelineVersioningTests : IClassFixture<PipelineVersioningTests.Origin>
{
    private readonly Origin _origin;

    public PipelineVersioningTests(Origin origin) => _origin = origin;

    /// <summary>
    /// main: v1.0.0, work, v1.1.0 (tagged behind main's tip), more work. feature/pay: three commits; the CLI's
    /// answer is recorded while each interesting commit was the tip.
    /// </summary>
    public sealed class Origin : IDisposable
    {
        public GitRepo Repo { get; } = GitVersionCli.NewRepo();
        public string FeatureBehindSha { get; }
        public GitVersionInfo FeatureBehindExpected { get; }
        public string FeatureTipSha { get; }
        public GitVersionInfo FeatureTipExpected { get; }
        public string TagSha { get; }
        public GitVersionInfo TagExpected { get; }
        public string MainTipSha { get; }
        public GitVersionInfo MainTipExpected { get; }

        public Origin()
        {
            Repo.Tag("v1.0.0");
            Repo.Commit("main work");
            TagSha = Repo.Commit("release work");
            Repo.Tag("v1.1.0", annotation: "Release 1.1.0");
            TagExpected = GitVersionCli.Run(Repo);
            Repo.Commits(2, "after release");
            MainTipSha = Repo.Head;
            MainTipExpected = GitVersionCli.Run(Repo);

            Repo.CreateBranch("feature/pay");
            Repo.Commit("pay 1");
            FeatureBehindSha = Repo.Commit("pay 2");
            FeatureBehindExpected = GitVersionCli.Run(Repo);
            FeatureTipSha = Repo.Commit("pay 3");
            FeatureTipExpected = GitVersionCli.Run(Repo);
            Repo.Switch("main");
        }

        public void Dispose() => Repo.Dispose();
    }

    private static GitVersionRequest Pipeline(GitRepo clone, Dictionary<string, string> variables)
    {
        variables["GITLAB_CI"] = "true";
        // Only the pipeline's variables, never the outer environment's CI_* (these tests may run in GitLab).
        string? Environment(string name) => variables.TryGetValue(name, out var value) ? value
            : name is "NUGET_PACKAGES" or "HOME" or "USERPROFILE" ? System.Environment.GetEnvironmentVariable(name) : null;
        var host = new Nuke.Common.CI.GitLab.GitLab();
        return GitVersionRequest.ForPipeline(clone.Path, cacheDirectory: null, host.IsServerBuild, host.GetPipeline(Environment), Environment);
    }

    private GitRepo DetachedClone(string sha, int? depth = null)
    {
        var clone = _origin.Repo.Clone(depth: depth);
        clone.Detach(sha);
        return clone;
    }

    private static void AssertHeadStayed(GitRepo clone, string sha)
    {
        Assert.Equal(sha, clone.Head);
        Assert.Null(clone.CurrentBranch); // still detached, as the runner found it
        Assert.Equal("", clone.Git("status", "--porcelain"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Branch_pipeline_on_detached_head_versions_the_pipeline_commit(bool atTip)
    {
        var sha = atTip ? _origin.FeatureTipSha : _origin.FeatureBehindSha;
        var expected = atTip ? _origin.FeatureTipExpected : _origin.FeatureBehindExpected;
        using var clone = DetachedClone(sha);

        var info = await new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = sha, ["CI_COMMIT_REF_NAME"] = "feature/pay", ["CI_COMMIT_BRANCH"] = "feature/pay",
            ["CI_PIPELINE_SOURCE"] = "push", ["CI_DEFAULT_BRANCH"] = "main",
        }));

        Assert.Equal(expected.FullSemVer, info.FullSemVer);
        Assert.Equal(expected.InformationalVersion, info.InformationalVersion);
        Assert.Equal(sha, info.Sha);
        AssertHeadStayed(clone, sha);
        Assert.Equal(_origin.FeatureTipSha, clone.Git("rev-parse", "origin/feature/pay")); // the remote-tracking tip is untouched
    }

    [Fact]
    public async Task Merge_request_pipeline_versions_the_source_branch()
    {
        using var clone = DetachedClone(_origin.FeatureTipSha);

        var info = await new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.FeatureTipSha, ["CI_COMMIT_REF_NAME"] = "feature/pay",
            ["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = "feature/pay", ["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main",
            ["CI_PIPELINE_SOURCE"] = "merge_request_event", ["CI_DEFAULT_BRANCH"] = "main",
        }));

        Assert.Equal(_origin.FeatureTipExpected.FullSemVer, info.FullSemVer);
        AssertHeadStayed(clone, _origin.FeatureTipSha);
    }

    [Fact]
    public async Task Tag_pipeline_version_is_the_tag()
    {
        using var clone = DetachedClone(_origin.TagSha);

        var info = await new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.TagSha, ["CI_COMMIT_REF_NAME"] = "v1.1.0", ["CI_COMMIT_TAG"] = "v1.1.0",
            ["CI_PIPELINE_SOURCE"] = "push", ["CI_DEFAULT_BRANCH"] = "main",
        }));

        Assert.Equal("1.1.0", info.SemVer);
        Assert.Equal(_origin.TagExpected.FullSemVer, info.FullSemVer);
        AssertHeadStayed(clone, _origin.TagSha);
    }

    [Fact]
    public async Task A_branch_named_like_an_option_stays_a_branch_name()
    {
        using var clone = DetachedClone(_origin.FeatureBehindSha);
        var branchesBefore = clone.Git("branch", "--list", "--format=%(refname)");

        var error = await Assert.ThrowsAsync<BuildException>(() => new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.FeatureBehindSha, ["CI_COMMIT_REF_NAME"] = "--delete", ["CI_COMMIT_BRANCH"] = "--delete",
            ["CI_PIPELINE_SOURCE"] = "push", ["CI_DEFAULT_BRANCH"] = "main",
        })));

        // git saw "--delete" after --end-of-options: a name it refuses, not the option that deletes branches.
        Assert.Contains("'--delete' is not a valid branch name", error.Message);
        Assert.Equal(branchesBefore, clone.Git("branch", "--list", "--format=%(refname)"));
        AssertHeadStayed(clone, _origin.FeatureBehindSha);
    }

    [Fact]
    public async Task Tag_pipeline_for_a_tag_that_is_not_a_version_fails_clearly()
    {
        using var clone = DetachedClone(_origin.MainTipSha);
        clone.Tag("nightly");

        var error = await Assert.ThrowsAsync<BuildException>(() => new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.MainTipSha, ["CI_COMMIT_REF_NAME"] = "nightly", ["CI_COMMIT_TAG"] = "nightly",
            ["CI_DEFAULT_BRANCH"] = "main",
        })));

        Assert.Contains("'nightly'", error.Message);
        Assert.Contains(_origin.MainTipExpected.FullSemVer, error.Message); // what GitVersion computed instead
        Assert.Contains("v1.2.3", error.Fix);
        AssertHeadStayed(clone, _origin.MainTipSha);
    }

    [Fact]
    public async Task Shallow_clone_is_deepened_before_versioning()
    {
        using var clone = DetachedClone(_origin.MainTipSha, depth: 1);
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository"));

        var info = await new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.MainTipSha, ["CI_COMMIT_REF_NAME"] = "main", ["CI_COMMIT_BRANCH"] = "main",
            ["CI_DEFAULT_BRANCH"] = "main",
        }));

        Assert.Equal("false", clone.Git("rev-parse", "--is-shallow-repository"));
        Assert.Equal(_origin.MainTipExpected.FullSemVer, info.FullSemVer);
        AssertHeadStayed(clone, _origin.MainTipSha);
    }

    [Fact]
    public async Task Shallow_clone_whose_remote_is_gone_fails_with_the_GIT_DEPTH_fix()
    {
        using var clone = DetachedClone(_origin.MainTipSha, depth: 1);
        clone.Git("remote", "set-url", "origin", new Uri(Path.Combine(Path.GetTempPath(), "gone-" + Guid.NewGuid().ToString("N"))).AbsoluteUri);

        var error = await Assert.ThrowsAsync<BuildException>(() => new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.MainTipSha, ["CI_COMMIT_REF_NAME"] = "main",
        })));

        Assert.Contains("shallow", error.Message);
        Assert.Contains("GIT_DEPTH: \"0\"", error.Fix);
    }

    [Fact]
    public async Task Shallow_clone_whose_remote_never_answers_fails_within_the_fetch_limit_with_the_GIT_DEPTH_fix()
    {
        using var clone = DetachedClone(_origin.MainTipSha, depth: 1);
        // A remote that accepts the connection and then says nothing, as a stalled network does: git has no limit of its own.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<System.Net.Sockets.TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) accepted.Add(await silent.AcceptTcpClientAsync()); }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException) { }
        });
        clone.Git("remote", "set-url", "origin", $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/group/project.git");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<BuildException>(() => new GitVersionRunner(Logger.None).GetVersionAsync(
            Pipeline(clone, new() { ["CI_COMMIT_SHA"] = _origin.MainTipSha, ["CI_COMMIT_REF_NAME"] = "main" }) with { FetchTimeout = TimeSpan.FromSeconds(2) }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.NotEmpty(accepted);
        Assert.Contains("did not finish within", error.Message);
        Assert.Contains("shallow", error.Message);
        Assert.Contains("GIT_DEPTH: \"0\"", error.Fix);
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository"));
        silent.Stop();
        await accepting;
        foreach (var client in accepted) client.Dispose();
    }

    [Fact]
    public async Task Local_detached_head_without_a_branch_fails_clearly_and_moves_nothing()
    {
        using var clone = DetachedClone(_origin.FeatureBehindSha);
        var refsBefore = clone.Git("for-each-ref");

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new GitVersionRunner(Logger.None).GetVersionAsync(new GitVersionRequest(clone.Path)));

        Assert.Contains("detached", error.Message);
        Assert.Contains("git switch", error.Fix);
        Assert.Equal(refsBefore, clone.Git("for-each-ref"));
        AssertHeadStayed(clone, _origin.FeatureBehindSha);
    }

    [Fact]
    public async Task Local_detached_head_at_a_branch_tip_uses_that_branch()
    {
        using var clone = DetachedClone(_origin.MainTipSha); // the clone's local main is at this commit

        var info = await new GitVersionRunner(Logger.None).GetVersionAsync(new GitVersionRequest(clone.Path));

        Assert.Equal(_origin.MainTipExpected.FullSemVer, info.FullSemVer);
        AssertHeadStayed(clone, _origin.MainTipSha);
    }

    [Fact]
    public async Task Pipeline_commit_other_than_HEAD_is_refused()
    {
        using var clone = DetachedClone(_origin.FeatureBehindSha);

        var error = await Assert.ThrowsAsync<BuildException>(() => new GitVersionRunner(Logger.None).GetVersionAsync(Pipeline(clone, new()
        {
            ["CI_COMMIT_SHA"] = _origin.FeatureTipSha, ["CI_COMMIT_REF_NAME"] = "feature/pay",
        })));

        Assert.Contains("CI_COMMIT_SHA", error.Message);
        AssertHeadStayed(clone, _origin.FeatureBehindSha);
    }
}
