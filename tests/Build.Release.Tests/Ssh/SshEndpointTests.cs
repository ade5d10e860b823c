using Nuke.Common;
using GitLabRelease.Git;
using GitLabRelease.Ssh;

namespace Release.Tests.Ssh;

public sealed class SshEndpointTests
{
    [Theory]
    [InlineData("ssh://git@gitlab.example.com:2222/group/project.git", "git", "gitlab.example.com", 2222, "group/project.git", "[gitlab.example.com]:2222")]
    [InlineData("ssh://git@gitlab.example.com/group/sub/project.git", "git", "gitlab.example.com", 22, "group/sub/project.git", "gitlab.example.com")]
    [InlineData("ssh://git@[::1]:2222/group/project.git", "git", "::1", 2222, "group/project.git", "[::1]:2222")]
    [InlineData("git@gitlab.example.com:group/project.git", "git", "gitlab.example.com", 22, "group/project.git", "gitlab.example.com")]
    [InlineData("gitlab.example.com:group/project.git", null, "gitlab.example.com", 22, "group/project.git", "gitlab.example.com")]
    public void Parses_ssh_and_scp_style_urls(string url, string? user, string host, int port, string path, string knownHostsName)
    {
        var endpoint = SshEndpoint.Parse(url);

        Assert.Equal(new SshEndpoint(user, host, port, path), endpoint);
        Assert.Equal(knownHostsName, endpoint.KnownHostsName);
    }

    [Theory]
    [InlineData("https://oauth2:glpat-secret@gitlab.example.com/group/project.git", "uses the https:// transport")]
    [InlineData("http://gitlab.example.com/group/project.git", "uses the http:// transport")]
    [InlineData("file:///srv/git/project.git", "uses the file:// transport")]
    [InlineData("git+ssh://git@gitlab.example.com/group/project.git", "uses the git+ssh:// transport")]
    [InlineData("ext::sh -c touch% /tmp/pwned", "is empty or contains whitespace")]
    [InlineData("ext::ssh%S%gitlab.example.com", "uses git's 'ext::' remote helper")]
    [InlineData("fd::3", "uses git's 'fd::' remote helper")]
    [InlineData("/srv/git/project.git", "is a local path")]
    [InlineData("./project.git", "is a local path")]
    [InlineData("project.git", "is a local path")]
    [InlineData("-oProxyCommand=touch%20x:group/project.git", "no valid host name")]
    [InlineData("git@-oProxyCommand=x:group/project.git", "no valid host name")]
    [InlineData("ssh://-oProxyCommand=x/group/project.git", "")]
    [InlineData("-git@gitlab.example.com:group/project.git", "invalid user name")]
    [InlineData("git@gitlab.example.com:-group/project.git", "no repository path")]
    [InlineData("ssh://git@gitlab.example.com", "no repository path")]
    [InlineData("git@gitlab.example.com:", "no repository path")]
    public void Refuses_every_url_that_is_not_ssh_with_cause_and_fix_and_without_echoing_it(string url, string cause)
    {
        var error = Assert.Throws<BuildException>(() => SshEndpoint.Parse(url));
        Assert.StartsWith("PushUrl ", error.Message);
        Assert.Contains(cause, error.Message);
        Assert.Contains("only ssh://[user@]host[:port]/path and scp-style user@host:path are accepted", error.Message);
        Assert.Contains("PUSH_URL", error.Fix);
        Assert.DoesNotContain(url, error.Message + error.Fix);
    }

    [Fact]
    public void Keyscan_command_has_the_port_only_when_it_is_not_22()
    {
        Assert.Equal("ssh-keyscan -p 2222 h", new SshEndpoint("git", "h", 2222, "p.git").KeyscanCommand);
        Assert.Equal("ssh-keyscan h", new SshEndpoint("git", "h", 22, "p.git").KeyscanCommand);
    }

    [Theory]
    [InlineData("gitlab.example.com", "2222", "group/project", "ssh://git@gitlab.example.com:2222/group/project.git")]
    [InlineData("gitlab.example.com", "22", "group/project", "ssh://git@gitlab.example.com/group/project.git")]
    [InlineData("gitlab.example.com", "", "group/sub/project", "ssh://git@gitlab.example.com/group/sub/project.git")]
    [InlineData("gitlab.example.com", null, "group/project", "ssh://git@gitlab.example.com/group/project.git")]
    public void Default_push_url_is_GitLabs_ssh_endpoint_for_the_project(string host, string? port, string project, string expected)
    {
        var url = GitLabPushUrl.Build(host, port, project);

        Assert.Equal(expected, url);
        Assert.Equal(project + ".git", SshEndpoint.Parse(url).RepositoryPath);
    }

    [Fact]
    public void Default_push_url_fails_without_a_host_a_project_or_a_valid_port()
    {
        Assert.Throws<BuildException>(() => GitLabPushUrl.Build("gitlab.example.com", null, null));
        var error = Assert.Throws<BuildException>(() => GitLabPushUrl.Build(null, null, null));
        Assert.Contains("PUSH_URL", error.Fix);
        Assert.Throws<BuildException>(() => GitLabPushUrl.Build("h", "port", "g/p"));
    }

    [Fact]
    public void Ssh_command_reads_no_config_uses_only_the_agent_key_and_pins_host_keys_strictly()
    {
        var command = GitSshCommand.Build("/run/a b/agent.sock", "/run/a b/deploy-key.pub", "/tmp/kh file", 7);
        var arguments = GitSshCommand.Arguments("/s", "/p.pub", "/kh", 7);

        Assert.StartsWith("ssh -F none ", command);
        Assert.Contains("-o 'IdentityAgent=/run/a b/agent.sock'", command);
        Assert.Contains("-o 'IdentityFile=/run/a b/deploy-key.pub'", command);
        Assert.Contains("-o 'UserKnownHostsFile=/tmp/kh file'", command);
        Assert.DoesNotContain(" -i ", command);
        foreach (var option in new[]
                 {
                     "IdentitiesOnly=yes", "ForwardAgent=no", "KnownHostsCommand=none", "ProxyCommand=none", "ProxyJump=none",
                     "ControlMaster=no", "ControlPath=none", "GlobalKnownHostsFile=/dev/null", "UpdateHostKeys=no",
                     "BatchMode=yes", "ConnectTimeout=7", "PermitLocalCommand=no", "ClearAllForwardings=yes",
                 })
            Assert.Contains(option, arguments);
        // Exactly one host key checking option, and it is strict (not "accept-new" or off).
        var checking = Assert.Single(System.Text.RegularExpressions.Regex.Matches(command, @"StrictHostKeyChecking=(\S+)"));
        Assert.Equal("yes", checking.Groups[1].Value);
    }

    [Fact]
    public void Push_environment_drops_inherited_git_and_ssh_variables_that_could_redirect_the_push()
    {
        Environment.SetEnvironmentVariable("GIT_DIR_TEST_HOSTILE", "x");
        try
        {
            var environment = GitSshCommand.Environment("/s", "/p.pub", "/kh");
            Assert.True(environment.ContainsKey("GIT_DIR_TEST_HOSTILE"));
            Assert.Null(environment["GIT_DIR_TEST_HOSTILE"]);
            Assert.Null(environment["SSH_AUTH_SOCK"]);
            Assert.Equal("1", environment["GIT_CONFIG_NOSYSTEM"]);
            Assert.Equal("/dev/null", environment["GIT_CONFIG_GLOBAL"]);
            Assert.Equal("ssh", environment["GIT_ALLOW_PROTOCOL"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GIT_DIR_TEST_HOSTILE", null);
        }
    }
}
