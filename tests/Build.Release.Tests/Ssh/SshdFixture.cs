using Fixtures.Ssh;

namespace Release.Tests.Ssh;

/// <summary>
/// One sshd (plus a second one with other host keys) and three deploy keys for all SSH tests: a write-enabled
/// key, a read-only key and a key the server does not know. Each test creates its own project on the server.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private int _projects;

    public SshdServer Server { get; private set; } = null!;
    public SshdServer OtherServer { get; private set; } = null!;
    public SshKeyPair WriteKey { get; private set; } = null!;
    public SshKeyPair ReadOnlyKey { get; private set; } = null!;
    public SshKeyPair UnknownKey { get; private set; } = null!;
    public string KeysDirectory { get; } = Path.Combine(Path.GetTempPath(), "ssh-test-keys-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Server = await SshdServer.StartAsync();
        OtherServer = await SshdServer.StartAsync();
        WriteKey = SshKeyPair.Generate(KeysDirectory, "deploy-rw");
        ReadOnlyKey = SshKeyPair.Generate(KeysDirectory, "deploy-ro");
        UnknownKey = SshKeyPair.Generate(KeysDirectory, "deploy-unknown");
        Server.AuthorizeKey(WriteKey.PublicKeyLine, canWrite: true);
        Server.AuthorizeKey(ReadOnlyKey.PublicKeyLine, canWrite: false);
        OtherServer.AuthorizeKey(WriteKey.PublicKeyLine, canWrite: true);
    }

    /// <summary>A fresh project path ("group/pN") with its bare repository on <see cref="Server"/>.</summary>
    public string NewProject()
    {
        var project = $"group/p{Interlocked.Increment(ref _projects)}";
        Server.CreateProject(project);
        return project;
    }

    /// <summary>
    /// A test-side ssh command for checking the fixture and seeding repositories (the test keys are files, not the
    /// build's way of holding a deploy key): no configuration, the key file, the pinned host key file, strict.
    /// </summary>
    public IReadOnlyDictionary<string, string?> SshEnvironment(SshKeyPair key, string knownHostsFile) => new Dictionary<string, string?>
    {
        ["GIT_SSH_COMMAND"] = $"ssh -F none -i '{key.PrivateKeyFile}' -o IdentitiesOnly=yes -o IdentityAgent=none -o StrictHostKeyChecking=yes "
            + $"-o UserKnownHostsFile='{knownHostsFile}' -o GlobalKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=5",
        ["GIT_SSH"] = null,
        ["GIT_SSH_VARIANT"] = "ssh",
    };

    public Task DisposeAsync()
    {
        Server?.Dispose();
        OtherServer?.Dispose();
        try { Directory.Delete(KeysDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>Tag and push tests: one server pair of their own.</summary>
[CollectionDefinition(Name)]
public sealed class SshdCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd";
}

/// <summary>Fixture and preflight tests: another server pair, so the two collections run side by side.</summary>
[CollectionDefinition(Name)]
public sealed class SshdChecksCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd-checks";
}

/// <summary>Push failure tests: a third server pair.</summary>
[CollectionDefinition(Name)]
public sealed class SshdFailuresCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd-failures";
}
