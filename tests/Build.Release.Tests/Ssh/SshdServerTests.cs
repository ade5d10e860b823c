using GitLabRelease.Ssh;
using Release.Tests.Git;
using Fixtures.Ssh;

namespace Release.Tests.Ssh;

/// <summary>The fixture behaves like GitLab's shell, so the push tests prove something.</summary>
[Collection(SshdChecksCollection.Name)]
public sealed class SshdServerTests(SshdFixture fixture) : IDisposable
{
    private readonly string _knownHosts = Path.Combine(fixture.KeysDirectory, "kh-" + Guid.NewGuid().ToString("N")[..6]);

    private Dictionary<string, string?> SshEnvironment(SshKeyPair key, params string[] extra)
    {
        File.WriteAllText(_knownHosts, fixture.Server.KnownHostsLine + "\n");
        var environment = new Dictionary<string, string?>(fixture.SshEnvironment(key, _knownHosts));
        if (extra.Length > 0) environment["GIT_SSH_COMMAND"] += " " + string.Join(' ', extra);
        return environment;
    }

    [Fact]
    public async Task A_port_another_sshd_took_first_is_not_mistaken_for_this_server()
    {
        var ports = new Fixtures.Kms.TakenFirstPorts(fixture.OtherServer.Port);

        using var server = await SshdServer.StartAsync(nextPort: ports.Next);

        Assert.Equal(2, ports.Offered.Count);
        Assert.Equal(ports.Offered[1], server.Port);
        Assert.Contains($"Server listening on {SshdServer.Host} port {server.Port}.", server.Log);
    }

    [Fact]
    public void Serves_scp_style_and_ssh_url_paths_of_the_same_project()
    {
        var project = fixture.NewProject();
        using var repository = Repositories.WithOneCommit();
        FixtureProcess.Git(repository.Path, "tag", "marker");
        FixtureProcess.Run("git", ["push", "--quiet", fixture.Server.ProjectPath(project), "refs/tags/marker"], repository.Path);

        var viaSshUrl = FixtureProcess.Run("git", ["ls-remote", fixture.Server.SshUrl(project)], repository.Path, SshEnvironment(fixture.WriteKey));
        // scp-style URLs cannot carry a port: pass it to ssh; the server then sees 'group/pN.git' without a slash.
        var viaScp = FixtureProcess.Run("git", ["ls-remote", $"{fixture.Server.User}@{SshdServer.Host}:{project}.git"], repository.Path,
            SshEnvironment(fixture.WriteKey, "-p", fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("refs/tags/marker", viaSshUrl.StandardOutput);
        Assert.Equal(viaSshUrl.StandardOutput, viaScp.StandardOutput);
        Assert.Contains($"git-upload-pack {project}.git rw", fixture.Server.AccessLog);
    }

    [Fact]
    public void Read_only_key_may_fetch_but_not_push()
    {
        var project = fixture.NewProject();
        using var repository = Repositories.WithOneCommit();
        var env = SshEnvironment(fixture.ReadOnlyKey);

        var fetch = FixtureProcess.Run("git", ["ls-remote", fixture.Server.SshUrl(project)], repository.Path, env, check: false);
        var push = FixtureProcess.Run("git", ["push", fixture.Server.SshUrl(project), "HEAD:refs/heads/main"], repository.Path, env, check: false);

        Assert.Equal(0, fetch.ExitCode);
        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains(SshdServer.ReadOnlyMessage, push.StandardError);
        Assert.Empty(fixture.Server.Tags(project));
    }

    [Fact]
    public void Unknown_project_gets_GitLabs_message()
    {
        using var repository = Repositories.WithOneCommit();
        var result = FixtureProcess.Run("git", ["ls-remote", fixture.Server.SshUrl("group/missing")], repository.Path, SshEnvironment(fixture.WriteKey), check: false);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(SshdServer.NotFoundMessage, result.StandardError);
    }

    [Fact]
    public void Each_server_has_its_own_host_key()
    {
        Assert.NotEqual(fixture.Server.HostPublicKey, fixture.OtherServer.HostPublicKey);
        Assert.NotEqual(fixture.Server.Port, fixture.OtherServer.Port);
        var scanned = FixtureProcess.Run("ssh-keyscan", ["-t", "ed25519", "-p", fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), SshdServer.Host]);
        Assert.Contains(fixture.Server.KnownHostsLine, scanned.StandardOutput);
    }

    public void Dispose() => File.Delete(_knownHosts);
}
