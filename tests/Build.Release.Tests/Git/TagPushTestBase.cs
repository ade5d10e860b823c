using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Release.Tests.Ssh;
using Fixtures.Ssh;
using Fixtures.Git;

namespace Release.Tests.Git;

/// <summary>Helpers for tag-and-push tests against a real sshd serving a bare repository like GitLab's shell.</summary>
public abstract class TagPushTestBase(SshdFixture fixture) : IDisposable
{
    private protected readonly LogCapture _log = new();
    private readonly List<IDisposable> _cleanup = [];

    private protected SshdFixture Fixture => fixture;

    private protected SshdServer Server => fixture.Server;

    /// <summary>A repository with one commit, deleted after the test.</summary>
    private protected GitRepo NewRepository()
    {
        var repository = Repositories.WithOneCommit();
        _cleanup.Add(repository);
        return repository;
    }

    /// <summary>Another pipeline's checkout of the same history, without the tags (it fetched before they existed).</summary>
    private protected GitRepo CloneOf(GitRepo repository)
    {
        var clone = repository.Clone(noTags: true);
        _cleanup.Add(clone);
        return clone;
    }

    private protected async Task<TagResult> TagAsync(GitRepo repository, string tag, string? commit = null, TagRequest? overrides = null)
    {
        var tagger = new GitTagger(new ToolRunner(_log.Logger), _log.Logger);
        var request = (overrides ?? new TagRequest(repository.Path, tag, tag.TrimStart('v'))) with { Commit = commit };
        return await tagger.CreateTagAsync(request);
    }

    private protected PushRequest Request(GitRepo repository, string tag, string project, SshKeyPair? key = null, string? knownHosts = null) =>
        new(repository.Path, tag, Transport(Server.SshUrl(project), key, knownHosts ?? Server.KnownHostsLine))
        {
            Retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(50)),
        };

    private protected DeployKeyTransport Transport(string pushUrl, SshKeyPair? key = null, string? knownHosts = null) =>
        new(pushUrl, Held(key ?? fixture.WriteKey), knownHosts ?? Server.KnownHostsLine) { ConnectTimeoutSeconds = 5 };

    /// <summary>The key as the build holds it after DecryptDeployKey: text in memory.</summary>
    private protected static GitLabRelease.Ssh.SshDeployKey Held(SshKeyPair key) => HeldKey(key);

    internal static GitLabRelease.Ssh.SshDeployKey HeldKey(SshKeyPair key) => new(key.PrivateKeyText, key.PublicKeyLine, key.Fingerprint);

    private protected static PushRequest With(PushRequest request, Func<DeployKeyTransport, DeployKeyTransport> change) =>
        request with { Transport = change((DeployKeyTransport)request.Transport) };

    private protected Task<PushResult> PushAsync(PushRequest request) => new TagPusher(new ToolRunner(_log.Logger), _log.Logger).PushAsync(request);

    private protected IReadOnlyDictionary<string, string?> PushEnvironment()
    {
        var file = Path.Combine(fixture.KeysDirectory, "kh-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(file, Server.KnownHostsLine + "\n");
        return fixture.SshEnvironment(fixture.WriteKey, file);
    }

    private protected static int ClosedPort()
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
        GC.SuppressFinalize(this);
    }
}
