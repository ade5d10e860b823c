using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.DeployKeys;
using GitLabRelease.Ssh;

namespace GitLabRelease.Git;

/// <summary>
/// The deploy-key transport: pushes over SSH to <see cref="PushUrl"/> with the key held in a private agent for the
/// length of one connection, host keys pinned by <see cref="SshKnownHosts"/>, no SSH configuration read.
/// </summary>
public sealed record DeployKeyTransport(string PushUrl, SshDeployKey Key, string? SshKnownHosts) : IPushTransport
{
    /// <summary>DeployKeyFingerprint: when set, a key with another fingerprint is not used.</summary>
    public string? ExpectedFingerprint { get; init; }

    public int ConnectTimeoutSeconds { get; init; } = GitSshCommand.DefaultConnectTimeoutSeconds;

    /// <summary>How long the agent keeps the key if nobody removes it (the build removes it when the push ends).</summary>
    public TimeSpan KeyLifetime { get; init; } = TimeSpan.FromMinutes(15);

    public async Task<IPushConnection> ConnectAsync(ToolRunner runner, CancellationToken cancellationToken) =>
        await DeployKeySession.OpenAsync(runner, this, cancellationToken);
}

/// <summary>One connection with the deploy key: endpoint, pinned host keys, the private agent, git's environment.</summary>
internal sealed class DeployKeySession : IPushConnection
{
    private readonly string _directory;
    private readonly PinnedKnownHosts _knownHosts;
    private readonly SshAgent _agent;

    private DeployKeySession(DeployKeyTransport transport, SshEndpoint endpoint, string directory, PinnedKnownHosts knownHosts, SshAgent agent, IReadOnlyDictionary<string, string?> environment)
    {
        RemoteUrl = transport.PushUrl;
        Endpoint = endpoint;
        Fingerprint = transport.Key.Fingerprint;
        _directory = directory;
        _knownHosts = knownHosts;
        _agent = agent;
        Environment = environment;
    }

    public string RemoteUrl { get; }
    public SshEndpoint Endpoint { get; }
    public string Fingerprint { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public string Description => $"{Endpoint} with deploy key {Fingerprint}";

    public PushFailure Classify(string output, string tagName) => PushFailureClassifier.Classify(output, Endpoint, RemoteUrl, tagName, Fingerprint);

    public static async Task<DeployKeySession> OpenAsync(ToolRunner runner, DeployKeyTransport transport, CancellationToken cancellationToken)
    {
        var endpoint = SshEndpoint.Parse(transport.PushUrl);
        var key = transport.Key;
        if (!string.IsNullOrWhiteSpace(transport.ExpectedFingerprint) && !SshKeyTool.SameFingerprint(transport.ExpectedFingerprint, key.Fingerprint))
            throw new BuildException(
                $"The deploy key has fingerprint {key.Fingerprint}, but {Spelling.Variable("DeployKeyFingerprint")} expects {transport.ExpectedFingerprint.Trim()}; nothing is pushed.",
                $"Set {Spelling.Variable("DeployKeyFingerprint")} to the fingerprint GitLab shows under Settings > Repository > Deploy keys for this project's key, or re-encrypt the right key (CreateDeployKey).");

        var knownHosts = await PinnedKnownHosts.ResolveAsync(transport.SshKnownHosts, endpoint, runner, cancellationToken);
        string? directory = null;
        SshAgent? agent = null;
        try
        {
            directory = runner.Children.Scratch.CreateDirectory("ssh");
            // The public key selects the agent's key (IdentitiesOnly); it is no secret, and it is the only key file there is.
            var publicKeyFile = Path.Combine(directory, "deploy-key.pub");
            await File.WriteAllTextAsync(publicKeyFile, key.PublicKey.Trim() + "\n", cancellationToken);
            agent = await SshAgent.StartAsync(runner, directory, cancellationToken);
            await agent.AddAsync(key, transport.KeyLifetime, cancellationToken);
            var environment = GitSshCommand.Environment(agent.SocketPath, publicKeyFile, knownHosts.Path, transport.ConnectTimeoutSeconds);
            return new DeployKeySession(transport, endpoint, directory, knownHosts, agent, environment);
        }
        catch
        {
            if (agent is not null) await agent.DisposeAsync();
            knownHosts.Dispose();
            DeleteDirectory(directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _knownHosts.Dispose();
        DeleteDirectory(_directory);
    }

    private static void DeleteDirectory(string? directory)
    {
        if (directory is null || !Directory.Exists(directory)) return;
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
