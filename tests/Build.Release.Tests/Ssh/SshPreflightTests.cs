using Nuke.Common.Tooling;
using GitLabRelease.Preflight;
using Release.Tests.Git;
using Fixtures.Ssh;
using Fixtures.Git;

namespace Release.Tests.Ssh;

/// <summary>Preflight's SSH checks against the real sshd: they report, and change nothing on the server.</summary>
[Collection(SshdChecksCollection.Name)]
public sealed class SshPreflightTests(SshdFixture fixture) : IDisposable
{
    private readonly GitRepo _repository = Repositories.WithOneCommit();
    private readonly SshPreflight _preflight = new(new ToolRunner(Serilog.Core.Logger.None), Serilog.Core.Logger.None);

    [Fact]
    public async Task Host_keys_that_match_the_server_pass()
    {
        var check = await _preflight.CheckHostKeysAsync(fixture.Server.SshUrl("group/x"), fixture.Server.KnownHostsLine);

        Assert.True(check.Ok, check.Detail);
        Assert.Equal(SshPreflight.HostKeysCheck, check.Name);
        Assert.Contains("ssh-ed25519", check.Detail);
    }

    [Fact]
    public async Task Host_keys_of_another_server_fail_with_the_keyscan_fix()
    {
        var check = await _preflight.CheckHostKeysAsync(fixture.Server.SshUrl("group/x"), $"{fixture.Server.KnownHostsName} {fixture.OtherServer.HostPublicKey}");

        Assert.False(check.Ok);
        Assert.Contains($"ssh-keyscan -p {fixture.Server.Port} 127.0.0.1", check.Fix);
    }

    [Fact]
    public async Task Missing_host_keys_fail()
    {
        var check = await _preflight.CheckHostKeysAsync(fixture.Server.SshUrl("group/x"), null);

        Assert.False(check.Ok);
        Assert.Contains("SSH_KNOWN_HOSTS", check.Fix);
    }

    [Fact]
    public async Task Write_key_may_push_and_the_dry_run_creates_nothing()
    {
        var project = fixture.NewProject();

        var check = await _preflight.CheckKeyMayPushAsync(_repository.Path, "v1.0.0", fixture.Server.SshUrl(project), Git.TagPushTestBase.HeldKey(fixture.WriteKey), fixture.Server.KnownHostsLine);

        Assert.True(check.Ok, check.Detail + " " + check.Fix);
        Assert.Contains(fixture.WriteKey.Fingerprint, check.Detail);
        Assert.Empty(fixture.Server.Tags(project));
        Assert.Empty(fixture.Server.PushOptions(project));
        Assert.Empty(FixtureProcess.Git(_repository.Path, "tag", "--list").StandardOutput.Trim());
    }

    [Fact]
    public async Task Read_only_key_fails_with_the_write_access_fix()
    {
        var project = fixture.NewProject();

        var check = await _preflight.CheckKeyMayPushAsync(_repository.Path, "v1.0.0", fixture.Server.SshUrl(project), Git.TagPushTestBase.HeldKey(fixture.ReadOnlyKey), fixture.Server.KnownHostsLine);

        Assert.False(check.Ok);
        Assert.Contains("Grant write permissions to this key", check.Fix);
        Assert.Contains(fixture.ReadOnlyKey.Fingerprint, check.Fix);
    }

    [Fact]
    public async Task Tag_already_on_the_remote_at_another_commit_fails()
    {
        var project = fixture.NewProject();
        FixtureProcess.Git(_repository.Path, "tag", "v1.0.0");
        FixtureProcess.Run("git", ["push", "--quiet", fixture.Server.ProjectPath(project), "refs/tags/v1.0.0"], _repository.Path);
        var head = _repository.Commit("next");

        var check = await _preflight.CheckKeyMayPushAsync(_repository.Path, "v1.0.0", fixture.Server.SshUrl(project), Git.TagPushTestBase.HeldKey(fixture.WriteKey), fixture.Server.KnownHostsLine);

        Assert.False(check.Ok);
        Assert.Contains(head, check.Detail);
        Assert.Contains("+semver: patch", check.Fix);
    }

    public void Dispose() => _repository.Dispose();
}
