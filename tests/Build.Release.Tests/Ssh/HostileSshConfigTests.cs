using Fixtures;
using Fixtures.Git;
using Fixtures.Ssh;
using GitLabRelease.Ssh;
using Release.Tests.Git;

namespace Release.Tests.Ssh;

/// <summary>
/// The push sees only what the build decides. A hostile runner's ssh and git configuration (an IdentityFile of another
/// authorised key, a KnownHostsCommand that vouches for any host, ForwardAgent, core.sshCommand, GIT_SSH, an
/// insteadOf to ext::) must not change which key is used, which host key is trusted or which transport runs.
/// ssh reads ~/.ssh/config from the passwd home (not $HOME) and /etc/ssh/ssh_config, so those are replaced in a
/// private mount namespace; each hostile setup is first shown to work against a plain ssh command (the control),
/// so the test can fail.
/// </summary>
[Collection(SshdChecksCollection.Name)]
public sealed class HostileSshConfigTests(SshdFixture fixture) : IDisposable
{
    private readonly string _dir = GitRepo.NewTempDirectory("hostile-ssh");

    private readonly List<SshAgent> _agents = [];

    public void Dispose()
    {
        foreach (var agent in _agents) agent.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The build's way of offering a key: a private agent holding it, and its public key file.</summary>
    private (string Socket, string PublicKeyFile) Agent(SshKeyPair key)
    {
        var runner = new Nuke.Common.Tooling.ToolRunner(Serilog.Core.Logger.None);
        var directory = Path.Combine(_dir, "agent-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(directory);
        var agent = SshAgent.StartAsync(runner, directory, CancellationToken.None).GetAwaiter().GetResult();
        _agents.Add(agent);
        agent.AddAsync(TagPushTestBase.HeldKey(key), TimeSpan.FromMinutes(5), CancellationToken.None).GetAwaiter().GetResult();
        var publicKey = Path.Combine(directory, "key.pub");
        File.WriteAllText(publicKey, key.PublicKeyLine + "\n");
        return (agent.SocketPath, publicKey);
    }

    private string Command(SshKeyPair key, string knownHosts)
    {
        var (socket, publicKey) = Agent(key);
        return GitSshCommand.Build(socket, publicKey, knownHosts);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string KnownHosts(string line) => Write("kh-" + Guid.NewGuid().ToString("N")[..6], line + "\n");

    [Fact]
    public void The_ssh_command_drops_every_config_file_and_states_each_option_that_matters()
    {
        var command = GitSshCommand.Build("/tmp/agent.sock", "/tmp/key.pub", "/tmp/kh");

        Assert.StartsWith("ssh -F none ", command);
        Assert.DoesNotContain(" -i ", command);
        foreach (var option in new[]
                 {
                     "IdentitiesOnly=yes", "IdentityAgent=/tmp/agent.sock", "IdentityFile=/tmp/key.pub", "ForwardAgent=no", "KnownHostsCommand=none", "ProxyCommand=none",
                     "ProxyJump=none", "ControlMaster=no", "ControlPath=none", "UserKnownHostsFile=/tmp/kh",
                     "GlobalKnownHostsFile=/dev/null", "StrictHostKeyChecking=yes", "BatchMode=yes", "UpdateHostKeys=no",
                 })
            Assert.Contains("-o " + option + " ", command + " ");
        // ssh itself accepts every option (an unknown or misspelled one would stop every push).
        var effective = FixtureProcess.Run("ssh", [.. GitSshCommand.Arguments("/tmp/agent.sock", "/tmp/key.pub", "/tmp/kh", 15).Skip(1), "-G", "gitlab.example.test"]).StandardOutput;
        Assert.Contains("forwardagent no", effective);
        Assert.Contains("identityagent /tmp/agent.sock", effective);
    }

    [Fact]
    public void Git_configuration_and_variables_of_the_runner_cannot_replace_the_ssh_command_or_the_transport()
    {
        var project = fixture.NewProject();
        using var repository = Repositories.WithOneCommit();
        FixtureProcess.Git(repository.Path, "tag", "v1.0.0");
        var marker = Path.Combine(_dir, "hostile-ran");
        var hostile = Write("bin/hostile-ssh", $"#!/bin/sh\necho hostile >> '{marker}'\nexit 1\n");
        FixtureProcess.Run("chmod", ["700", hostile]);
        var home = Path.Combine(_dir, "home");
        Write("home/.gitconfig", $"[core]\n\tsshCommand = {hostile}\n[url \"ext::{hostile} %S \"]\n\tpushInsteadOf = ssh://\n[protocol \"ext\"]\n\tallow = always\n");
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home, ["GIT_SSH"] = hostile, ["GIT_SSH_VARIANT"] = "simple",
        };
        var url = fixture.Server.SshUrl(project);

        // Control: with these in force, a push goes through the hostile program.
        var control = FixtureProcess.Run("git", ["push", url, "refs/tags/v1.0.0"], repository.Path, environment, check: false);
        Assert.True(File.Exists(marker), "control: the hostile git configuration should have been used. " + control.StandardError);
        File.Delete(marker);

        var (socket, publicKey) = Agent(fixture.WriteKey);
        foreach (var (name, value) in GitSshCommand.Environment(socket, publicKey, KnownHosts(fixture.Server.KnownHostsLine)))
            environment[name] = value;
        // The same rewrite in the repository's own configuration (which git always reads) is refused by
        // GIT_ALLOW_PROTOCOL=ssh: the hostile program never runs.
        FixtureProcess.Git(repository.Path, "config", $"url.ext::{hostile} %S .pushInsteadOf", "ssh://");
        var rewritten = FixtureProcess.Run("git", ["push", url, "refs/tags/v1.0.0"], repository.Path, environment, check: false);
        Assert.NotEqual(0, rewritten.ExitCode);
        Assert.Contains("transport 'ext' not allowed", rewritten.StandardError);
        Assert.False(File.Exists(marker), "the hostile program ran");
        FixtureProcess.Git(repository.Path, "config", "--remove-section", $"url.ext::{hostile} %S ");

        // The global configuration (core.sshCommand, insteadOf to ext::) is not read at all: the push is ours.
        var pushed = FixtureProcess.Run("git", ["push", url, "refs/tags/v1.0.0"], repository.Path, environment, check: false);
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.False(File.Exists(marker), "the hostile program ran");
        Assert.NotNull(fixture.Server.TagCommit(project, "v1.0.0"));
    }

    [SkippableFact]
    public void Hostile_system_and_user_ssh_config_choose_neither_the_key_nor_the_trusted_host_key()
    {
        var passwdHome = PasswdHome();
        RequirePrivateMountNamespace();
        var server = fixture.Server;
        // ~/.ssh/config: another key that the server authorises for writing, and agent forwarding.
        var home = Path.Combine(_dir, "home");
        Write("home/.ssh/config", $"Host *\n  IdentityFile {fixture.WriteKey.PrivateKeyFile}\n  IdentitiesOnly no\n  ForwardAgent yes\n");
        // /etc/ssh/ssh_config: a KnownHostsCommand that vouches for whatever host key the server shows.
        var vouch = Write("bin/vouch", $"#!/bin/sh\necho '{server.KnownHostsLine}'\n");
        FixtureProcess.Run("chmod", ["700", vouch]);
        var systemConfig = Write("ssh_config", $"Host *\n  KnownHostsCommand {vouch}\n  ForwardAgent yes\n  ProxyJump none\n");
        var pinned = KnownHosts(server.KnownHostsLine);
        var pinnedElsewhere = KnownHosts($"[{SshdServer.Host}]:1 {fixture.OtherServer.HostPublicKey}"); // nothing for this host

        FixtureProcess.Result Push(string project, string sshCommand)
        {
            using var repository = Repositories.WithOneCommit();
            FixtureProcess.Git(repository.Path, "tag", "v1.0.0");
            var environment = new Dictionary<string, string?> { ["HOME"] = home, ["GIT_SSH_COMMAND"] = sshCommand, ["GIT_SSH_VARIANT"] = "ssh" };
            return FixtureProcess.Run("unshare", [
                "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /etc/ssh/ssh_config && mount --bind \"$2\" \"$3\" && shift 3 && exec \"$@\"",
                "sh", systemConfig, home, passwdHome, "git", "push", server.SshUrl(project), "refs/tags/v1.0.0"], repository.Path, environment, check: false);
        }
        string Naive(string key, string knownHosts) =>
            $"ssh -i {key} -o IdentitiesOnly=yes -o UserKnownHostsFile={knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes";

        // Controls: a plain ssh command pushes with the config's key, and trusts what the KnownHostsCommand says.
        var keyControl = fixture.NewProject();
        var control = Push(keyControl, Naive(fixture.UnknownKey.PrivateKeyFile, pinned));
        Assert.True(control.ExitCode == 0 && server.TagCommit(keyControl, "v1.0.0") is not null, "control (IdentityFile): " + control.StandardError);
        var hostControl = fixture.NewProject();
        control = Push(hostControl, Naive(fixture.WriteKey.PrivateKeyFile, pinnedElsewhere));
        Assert.True(control.ExitCode == 0 && server.TagCommit(hostControl, "v1.0.0") is not null, "control (KnownHostsCommand): " + control.StandardError);

        // The build's command: only the deploy key (unknown to the server, so the push is refused) ...
        var keyProject = fixture.NewProject();
        var refused = Push(keyProject, Command(fixture.UnknownKey, pinned));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Permission denied (publickey)", refused.StandardError);
        Assert.Null(server.TagCommit(keyProject, "v1.0.0"));
        // ... and only the pinned host keys (none for this host, so the connection is refused).
        var hostProject = fixture.NewProject();
        var unpinned = Push(hostProject, Command(fixture.WriteKey, pinnedElsewhere));
        Assert.NotEqual(0, unpinned.ExitCode);
        Assert.Contains("Host key verification failed", unpinned.StandardError);
        Assert.Null(server.TagCommit(hostProject, "v1.0.0"));
        // With the right key and pin the push works in the same hostile namespace, without forwarding the agent.
        var goodProject = fixture.NewProject();
        var pushed = Push(goodProject, Command(fixture.WriteKey, pinned) + " -v");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.NotNull(server.TagCommit(goodProject, "v1.0.0"));
        Assert.DoesNotContain("Requesting authentication agent forwarding", pushed.StandardError);
    }

    private static string PasswdHome()
    {
        var uid = FixtureProcess.Run("id", ["-u"]).StandardOutput.Trim();
        var entry = FixtureProcess.Run("getent", ["passwd", uid], check: false).StandardOutput.Trim();
        return entry.Split(':') is { Length: >= 6 } fields && Directory.Exists(fields[5])
            ? fields[5]
            : throw MissingTool.Skip($"user {uid} has no home directory in passwd to replace");
    }

    private static void RequirePrivateMountNamespace()
    {
        FixtureProcess.Result probe;
        try { probe = FixtureProcess.Run("unshare", ["-m", "--propagation", "private", "true"], check: false); }
        catch (System.ComponentModel.Win32Exception) { throw MissingTool.Skip("unshare (util-linux) is not installed"); }
        if (probe.ExitCode != 0)
            throw MissingTool.Skip($"no private mount namespace (unshare -m needs root or CAP_SYS_ADMIN): {probe.StandardError.Trim()}");
    }
}
