using GitLabRelease.Git;
using GitLabRelease.Ssh;

namespace Release.Tests.Git;

/// <summary>
/// Messages the end-to-end tests cannot provoke from a local sshd (GitLab.com's wording, DNS, timeouts). The
/// texts are what git/ssh/GitLab print; the kinds, fixes and retry decisions are ours.
/// </summary>
public sealed class PushFailureClassifierTests
{
    private static readonly SshEndpoint Endpoint = new("git", "gitlab.example.com", 2222, "group/project.git");

    private static PushFailure Classify(string stderr) =>
        PushFailureClassifier.Classify(stderr, Endpoint, "ssh://git@gitlab.example.com:2222/group/project.git", "v1.0.0", "SHA256:abc");

    [Theory]
    [InlineData("remote: \nremote: ========================================================================\nremote: \nremote: You are not allowed to push code to this project.\nremote: \nfatal: Could not read from remote repository.", PushFailureKind.ReadOnlyKey, false)]
    [InlineData("remote: GitLab: You are not allowed to create this tag as it is protected.\n ! [remote rejected] v1.0.0 -> v1.0.0 (pre-receive hook declined)", PushFailureKind.ProtectedTag, false)]
    [InlineData("remote: The project you were looking for could not be found or you don't have permission to view it.\nfatal: Could not read from remote repository.", PushFailureKind.RepositoryNotFound, false)]
    [InlineData("ssh: Could not resolve hostname gitlab.example.com: Name or service not known\nfatal: Could not read from remote repository.", PushFailureKind.HostNotFound, false)]
    [InlineData("ssh: Could not resolve hostname gitlab.example.com: Temporary failure in name resolution", PushFailureKind.NameResolutionTemporary, true)]
    [InlineData("ssh: connect to host gitlab.example.com port 2222: Connection timed out", PushFailureKind.ConnectionTimedOut, true)]
    [InlineData("kex_exchange_identification: read: Connection reset by peer\nConnection reset by 10.0.0.1 port 2222", PushFailureKind.ConnectionLost, true)]
    [InlineData("No ED25519 host key is known for [gitlab.example.com]:2222 and you have requested strict checking.\nHost key verification failed.", PushFailureKind.HostKeyUnknown, false)]
    [InlineData("Load key \"/tmp/k\": bad permissions\ngit@gitlab.example.com: Permission denied (publickey).", PushFailureKind.KeyFileRejected, false)]
    [InlineData(" ! [rejected]        v1.0.0 -> v1.0.0 (already exists)", PushFailureKind.TagRejected, false)]
    [InlineData("fatal: the receiving end does not support push options", PushFailureKind.Unknown, false)]
    [InlineData("fatal: something nobody expected", PushFailureKind.Unknown, false)]
    public void Classifies_git_and_ssh_messages(string stderr, PushFailureKind kind, bool transient)
    {
        var failure = Classify(stderr);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(transient, failure.IsTransient);
        Assert.False(string.IsNullOrWhiteSpace(failure.Cause));
        Assert.False(string.IsNullOrWhiteSpace(failure.Fix));
    }

    [Fact]
    public void Network_failures_name_host_and_port()
    {
        var failure = Classify("ssh: connect to host gitlab.example.com port 2222: Connection timed out");
        Assert.Contains("gitlab.example.com:2222", failure.Cause);
        Assert.Contains("CI_SERVER_SHELL_SSH_PORT", Nuke.Common.Spelling.Render(failure.Fix)); // the GitLab host spells what the library names
    }

    [Fact]
    public void Backoff_doubles()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(2));
        Assert.Equal([2, 4, 8], new[] { 2, 3, 4 }.Select(n => policy.DelayBefore(n).TotalSeconds));
    }
}
