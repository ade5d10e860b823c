using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Release.Tests.Ssh;
using Fixtures.Ssh;

namespace Release.Tests.Git;

/// <summary>Push failures end to end: nothing is pushed, and each error names its cause and fix.</summary>
[Collection(SshdFailuresCollection.Name)]
public sealed class TagPushFailureTests(SshdFixture fixture) : TagPushTestBase(fixture)
{
    [Fact]
    public async Task Missing_host_keys_push_nothing_and_print_the_keyscan_line()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.0.0");
        var before = Server.AccessLog.Count;

        var missing = await Assert.ThrowsAsync<BuildException>(() => PushAsync(With(Request(repository, "v4.0.0", project), t => t with { SshKnownHosts = "" })));
        var otherHost = await Assert.ThrowsAsync<BuildException>(() => PushAsync(With(Request(repository, "v4.0.0", project), t => t with { SshKnownHosts = "gitlab.example.com " + Server.HostPublicKey })));

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
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.1.0");
        // The other server's key pinned under this server's name: what a man in the middle looks like.
        var wrongPin = $"{Server.KnownHostsName} {Fixture.OtherServer.HostPublicKey}";

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v4.1.0", project, knownHosts: wrongPin)));

        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", error.Message);
        Assert.Contains(Server.KnownHostsName, error.Message);
        Assert.Null(Server.TagCommit(project, "v4.1.0"));
        Assert.DoesNotContain(Server.AccessLog, line => line.Contains(project, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_only_key_is_refused_with_the_write_access_hint_and_fingerprint()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v5.0.0", project, Fixture.ReadOnlyKey)));

        Assert.Contains("does not have write access", error.Message);
        Assert.Contains(Fixture.ReadOnlyKey.Fingerprint, error.Fix);
        Assert.Contains("Grant write permissions to this key", error.Fix);
        Assert.Null(Server.TagCommit(project, "v5.0.0"));
        // Not retried: a refusal is not a network hiccup.
        Assert.Single(Server.AccessLog, line => line == $"git-receive-pack {project}.git denied");
    }

    [Fact]
    public async Task Unknown_key_gets_permission_denied_with_its_fingerprint()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.1.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v5.1.0", project, Fixture.UnknownKey)));

        Assert.Contains("Permission denied (publickey)", error.Message);
        Assert.Contains(Fixture.UnknownKey.Fingerprint, error.Fix);
        Assert.Contains("Deploy keys", error.Fix);
    }

    [Fact]
    public async Task Expected_fingerprint_mismatch_stops_before_connecting()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v5.2.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(With(Request(repository, "v5.2.0", project), t => t with { ExpectedFingerprint = Fixture.ReadOnlyKey.Fingerprint })));

        Assert.Contains(Fixture.WriteKey.Fingerprint, error.Message);
        Assert.Contains("DEPLOY_KEY_FINGERPRINT", error.Message);
        Assert.Null(Server.TagCommit(project, "v5.2.0"));
    }

    [Fact]
    public async Task Protected_tag_is_refused_with_the_protected_tags_fix()
    {
        var project = Fixture.NewProject();
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
        var request = With(Request(repository, "v8.0.0", "group/p"), t => t with
        {
            PushUrl = $"ssh://git@127.0.0.1:{closedPort}/group/p.git",
            SshKnownHosts = $"[127.0.0.1]:{closedPort} {Server.HostPublicKey}",
        });

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(request));

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.Contains($"port {closedPort}", error.Fix);
        Assert.Equal(2, _log.Text.Split('\n').Count(line => line.Contains("Retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_private_key_never_appears_in_the_log()
    {
        var project = Fixture.NewProject();
        Server.ProtectTags(project, "v10.0.1");
        var repository = NewRepository();
        await TagAsync(repository, "v10.0.0");
        await TagAsync(repository, "v10.0.1");

        await PushAsync(Request(repository, "v10.0.0", project));
        await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v10.0.1", project)));
        await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v10.0.0", project, Fixture.ReadOnlyKey) with { PushOptions = [] }));

        var log = _log.Text;
        Assert.Contains("v10.0.0", log);
        Assert.Contains("protected", log);
        foreach (var key in new[] { Fixture.WriteKey, Fixture.ReadOnlyKey })
            foreach (var line in key.PrivateKeyText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))
                Assert.DoesNotContain(line, log);
    }
}
