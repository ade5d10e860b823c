using Build.Engine;
using Build.Engine.Tooling;
using Build.Release.Git;
using Build.Release.Tests.Ssh;
using Build.Tests.Fixtures.Ssh;

namespace Build.Release.Tests.Git;

/// <summary>Tag and push against a real sshd serving a bare repository like GitLab's shell.</summary>
[Collection(SshdCollection.Name)]
public sealed class TagPushTests(SshdFixture fixture) : IDisposable
{
    private readonly CapturingLogger _log = new();
    private readonly List<IDisposable> _cleanup = [];

    private SshdServer Server => fixture.Server;

    private TestRepository NewRepository()
    {
        var repository = TestRepository.Create();
        _cleanup.Add(repository);
        return repository;
    }

    private TestRepository CloneOf(TestRepository repository)
    {
        var clone = repository.Clone();
        _cleanup.Add(clone);
        return clone;
    }

    private async Task<TagResult> TagAsync(TestRepository repository, string tag, string? commit = null, TagRequest? overrides = null)
    {
        var tagger = new GitTagger(new ToolRunner(_log.Logger), _log.Logger);
        var request = (overrides ?? new TagRequest(repository.Path, tag, tag.TrimStart('v'))) with { Commit = commit };
        return await tagger.CreateTagAsync(request);
    }

    private PushRequest Request(TestRepository repository, string tag, string project, SshKeyPair? key = null, string? knownHosts = null) =>
        new(repository.Path, tag, Server.SshUrl(project), (key ?? fixture.WriteKey).PrivateKeyFile, knownHosts ?? Server.KnownHostsLine)
        {
            Retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(50)),
            ConnectTimeoutSeconds = 5,
        };

    private Task<PushResult> PushAsync(PushRequest request) => new TagPusher(new ToolRunner(_log.Logger), _log.Logger).PushAsync(request);

    [Fact]
    public async Task Tag_arrives_on_the_server_at_the_tagged_commit_with_ci_skip()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        var commit = repository.Head;

        var tagged = await TagAsync(repository, "v1.2.3", null, new TagRequest(repository.Path, "v1.2.3", "1.2.3") { Tagger = new GitIdentity("Jane Doe", "jane@example.invalid") });
        var pushed = await PushAsync(Request(repository, "v1.2.3", project));

        Assert.Equal(TagOutcome.Created, tagged.Outcome);
        Assert.Equal(PushOutcome.Pushed, pushed.Outcome);
        Assert.Equal(commit, Server.TagCommit(project, "v1.2.3"));
        Assert.Equal(["ci.skip"], Server.PushOptions(project));
        var tagObject = FixtureProcess.Git(Server.ProjectPath(project), "cat-file", "-p", "refs/tags/v1.2.3").StandardOutput;
        Assert.Contains("type commit", tagObject);
        Assert.Contains("tagger Jane Doe <jane@example.invalid>", tagObject);
        Assert.Contains("Release 1.2.3", tagObject);
        // Only the tag travelled; origin and branches are untouched.
        Assert.Equal(["v1.2.3"], Server.Tags(project));
        Assert.Empty(FixtureProcess.Git(Server.ProjectPath(project), "branch", "--list").StandardOutput.Trim());
        Assert.Empty(FixtureProcess.Git(repository.Path, "remote").StandardOutput.Trim());
    }

    [Fact]
    public async Task Rerun_is_a_no_op_success()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v2.0.0");
        await PushAsync(Request(repository, "v2.0.0", project));

        var retag = await TagAsync(repository, "v2.0.0");
        var repush = await PushAsync(Request(repository, "v2.0.0", project));

        Assert.Equal(TagOutcome.AlreadyExistsLocally, retag.Outcome);
        Assert.Equal(PushOutcome.AlreadyOnRemote, repush.Outcome);
        Assert.Equal(repository.Head, Server.TagCommit(project, "v2.0.0"));
    }

    [Fact]
    public async Task Fresh_clone_of_a_rerun_finds_the_tag_on_the_remote()
    {
        var project = fixture.NewProject();
        var first = NewRepository();
        await TagAsync(first, "v2.1.0");
        await PushAsync(Request(first, "v2.1.0", project));
        var second = CloneOf(first);
        var env = PushEnvironment();

        var tagged = await TagAsync(second, "v2.1.0", null, new TagRequest(second.Path, "v2.1.0", "2.1.0") { Remote = Server.SshUrl(project), RemoteEnvironment = env });
        var pushed = await PushAsync(Request(second, "v2.1.0", project));

        Assert.Equal(TagOutcome.AlreadyExistsOnRemote, tagged.Outcome);
        Assert.Equal(first.Head, second.TagCommit("v2.1.0"));
        Assert.Equal(PushOutcome.AlreadyOnRemote, pushed.Outcome);
    }

    [Fact]
    public async Task Tag_on_another_commit_on_the_remote_fails_with_both_commits()
    {
        var project = fixture.NewProject();
        var first = NewRepository();
        var oldCommit = first.Head;
        await TagAsync(first, "v3.0.0");
        await PushAsync(Request(first, "v3.0.0", project));
        var second = CloneOf(first);
        var newCommit = second.Commit("next change");

        // The tagger sees the conflict when it may look at the remote...
        var atTag = await Assert.ThrowsAsync<BuildException>(() => TagAsync(second, "v3.0.0", null,
            new TagRequest(second.Path, "v3.0.0", "3.0.0") { Remote = Server.SshUrl(project), RemoteEnvironment = PushEnvironment() }));
        // ...and the pusher when it may not.
        await TagAsync(second, "v3.0.0");
        var atPush = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(second, "v3.0.0", project)));

        foreach (var error in new[] { atTag, atPush })
        {
            Assert.Contains(oldCommit, error.Message);
            Assert.Contains(newCommit, error.Message);
            Assert.Contains("+semver: patch", error.Fix);
        }
        Assert.Equal(oldCommit, Server.TagCommit(project, "v3.0.0"));
    }

    [Fact]
    public async Task Missing_host_keys_push_nothing_and_print_the_keyscan_line()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.0.0");
        var before = Server.AccessLog.Count;

        var missing = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v4.0.0", project) with { SshKnownHosts = "" }));
        var otherHost = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v4.0.0", project) with { SshKnownHosts = "gitlab.example.com " + Server.HostPublicKey }));

        foreach (var error in new[] { missing, otherHost })
        {
            Assert.Contains($"ssh-keyscan -p {Server.Port} 127.0.0.1", error.Fix);
            Assert.Contains("SSH_KNOWN_HOSTS", error.Fix);
        }
        Assert.Null(Server.TagCommit(project, "v4.0.0"));
        Assert.Equal(before, Server.AccessLog.Count);
    }

    [Fact]
    public async Task Changed_host_key_pushes_nothing()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.1.0");
        // The other server's key pinned under this server's name: what a man in the middle looks like.
        var wrongPin = $"{Server.KnownHostsName} {fixture.OtherServer.HostPublicKey}";

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v4.1.0", project, knownHosts: wrongPin)));

        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", error.Message);
        Assert.Contains(Server.KnownHostsName, error.Message);
        Assert.Null(Server.TagCommit(project, "v4.1.0"));
        Assert.DoesNotContain(Server.AccessLog, line => line.Contains(project, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Known_hosts_may_come_as_a_file_like_a_GitLab_File_variable()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.2.0");
        var file = Path.Combine(repository.Path, "..", "kh-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(file, "# pinned\n" + Server.KnownHostsLine + "\n");
        try
        {
            var pushed = await PushAsync(Request(repository, "v4.2.0", project, knownHosts: file));
            Assert.Equal(PushOutcome.Pushed, pushed.Outcome);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Read_only_key_is_refused_with_the_write_access_hint_and_fingerprint()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v5.0.0", project, fixture.ReadOnlyKey)));

        Assert.Contains("does not have write access", error.Message);
        Assert.Contains(fixture.ReadOnlyKey.Fingerprint, error.Fix);
        Assert.Contains("Grant write permissions to this key", error.Fix);
        Assert.Null(Server.TagCommit(project, "v5.0.0"));
        // Not retried: a refusal is not a network hiccup.
        Assert.Single(Server.AccessLog, line => line == $"git-receive-pack {project}.git denied");
    }

    [Fact]
    public async Task Unknown_key_gets_permission_denied_with_its_fingerprint()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.1.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v5.1.0", project, fixture.UnknownKey)));

        Assert.Contains("Permission denied (publickey)", error.Message);
        Assert.Contains(fixture.UnknownKey.Fingerprint, error.Fix);
        Assert.Contains("Deploy keys", error.Fix);
    }

    [Fact]
    public async Task Expected_fingerprint_mismatch_stops_before_connecting()
    {
        var project = fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.2.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v5.2.0", project) with { ExpectedFingerprint = fixture.ReadOnlyKey.Fingerprint }));

        Assert.Contains(fixture.WriteKey.Fingerprint, error.Message);
        Assert.Contains("DEPLOY_KEY_FINGERPRINT", error.Message);
        Assert.Null(Server.TagCommit(project, "v5.2.0"));
    }

    [Fact]
    public async Task Protected_tag_is_refused_with_the_protected_tags_fix()
    {
        var project = fixture.NewProject();
        Server.ProtectTags(project, "v*");
        var repository = NewRepository();
        await TagAsync(repository, "v6.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v6.0.0", project)));

        Assert.Contains("protected", error.Message);
        Assert.Contains("Settings > Repository > Protected tags", error.Fix);
        Assert.Null(Server.TagCommit(project, "v6.0.0"));
    }

    [Fact]
    public async Task Unknown_project_names_the_project_path_setting()
    {
        var repository = NewRepository();
        await TagAsync(repository, "v7.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v7.0.0", "group/does-not-exist")));

        Assert.Contains("group/does-not-exist", error.Message);
        Assert.Contains("CI_PROJECT_PATH", error.Fix);
    }

    [Fact]
    public async Task Connection_refused_is_retried_and_names_host_and_port()
    {
        var repository = NewRepository();
        await TagAsync(repository, "v8.0.0");
        var closedPort = ClosedPort();
        var request = Request(repository, "v8.0.0", "group/p") with
        {
            PushUrl = $"ssh://git@127.0.0.1:{closedPort}/group/p.git",
            SshKnownHosts = $"[127.0.0.1]:{closedPort} {Server.HostPublicKey}",
        };

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(request));

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.Contains($"port {closedPort}", error.Fix);
        Assert.Equal(2, _log.Text.Split('\n').Count(line => line.Contains("Retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_concurrent_pushes_of_the_same_tag_for_the_same_commit_both_succeed()
    {
        var project = fixture.NewProject();
        Server.SetHookDelay(project, TimeSpan.FromSeconds(1));
        var first = NewRepository();
        var second = CloneOf(first);
        // Two pipelines, two tag objects (own timestamps and taggers) for the same commit.
        await TagAsync(first, "v9.0.0", null, new TagRequest(first.Path, "v9.0.0", "9.0.0") { Tagger = new GitIdentity("A", "a@example.invalid") });
        await TagAsync(second, "v9.0.0", null, new TagRequest(second.Path, "v9.0.0", "9.0.0") { Tagger = new GitIdentity("B", "b@example.invalid") });

        var results = await Task.WhenAll(PushAsync(Request(first, "v9.0.0", project)), PushAsync(Request(second, "v9.0.0", project)));

        Assert.Equal(first.Head, Server.TagCommit(project, "v9.0.0"));
        Assert.Single(results, r => r.Outcome == PushOutcome.Pushed);
        Assert.Single(results, r => r.Outcome == PushOutcome.AlreadyOnRemote);
    }

    [Fact]
    public async Task Two_concurrent_pushes_of_the_same_tag_for_different_commits_leave_one_winner()
    {
        var project = fixture.NewProject();
        Server.SetHookDelay(project, TimeSpan.FromSeconds(1));
        var first = NewRepository();
        var second = CloneOf(first);
        second.Commit("diverging change");
        await TagAsync(first, "v9.1.0");
        await TagAsync(second, "v9.1.0");

        var pushes = new[] { PushAsync(Request(first, "v9.1.0", project)), PushAsync(Request(second, "v9.1.0", project)) };
        var outcomes = await Task.WhenAll(pushes.Select(async p => { try { await p; return (Exception?)null; } catch (BuildException e) { return e; } }));

        var winner = Server.TagCommit(project, "v9.1.0");
        var loser = Assert.Single(outcomes, o => o is not null)!;
        Assert.Contains(winner!, loser.Message);
        Assert.Contains(winner == first.Head ? second.Head : first.Head, loser.Message);
    }

    [Fact]
    public async Task The_private_key_never_appears_in_the_log()
    {
        var project = fixture.NewProject();
        Server.ProtectTags(project, "v10.0.1");
        var repository = NewRepository();
        await TagAsync(repository, "v10.0.0");
        await TagAsync(repository, "v10.0.1");

        await PushAsync(Request(repository, "v10.0.0", project));
        await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v10.0.1", project)));
        await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v10.0.0", project, fixture.ReadOnlyKey) with { PushOptions = [] }));

        var log = _log.Text;
        Assert.Contains("v10.0.0", log);
        Assert.Contains("protected", log);
        foreach (var key in new[] { fixture.WriteKey, fixture.ReadOnlyKey })
            foreach (var line in key.PrivateKeyText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))
                Assert.DoesNotContain(line, log);
    }

    private IReadOnlyDictionary<string, string?> PushEnvironment()
    {
        var file = Path.Combine(fixture.KeysDirectory, "kh-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(file, Server.KnownHostsLine + "\n");
        return Release.Ssh.GitSshCommand.Environment(fixture.WriteKey.PrivateKeyFile, file);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        foreach (var item in _cleanup) item.Dispose();
    }
}
