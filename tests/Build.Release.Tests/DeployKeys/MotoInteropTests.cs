using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using GitLabRelease.DeployKeys;
using Fixtures;
using Fixtures.Kms;

namespace Release.Tests.DeployKeys;

/// <summary>One moto_server for the class; started on a free port of 127.0.0.1 and stopped afterwards.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServer? Server { get; private set; }
    public string? Missing { get; private set; }

    /// <summary>A key created through the .NET SDK (faster than a Python round trip; boto3 is used where interop matters).</summary>
    public string KeyArn { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await MotoServer.TryStartAsync(reason => Missing = reason);
        if (Server is null) return;
        using var kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonKeyManagementServiceConfig { ServiceURL = Server.Url, AuthenticationRegion = KmsEmulator.DefaultRegion });
        KeyArn = (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "deploy key" })).KeyMetadata.Arn;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>
/// The build's ciphertext is plain KMS: what boto3 encrypts through moto, DecryptDeployKey reads through
/// moto, and what CreateDeployKey writes, boto3 decrypts. Needs moto_server and boto3 (pip install "moto[server]" boto3).
/// </summary>
public sealed class MotoInteropTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private MotoServer Server()
    {
        if (moto.Server is null) throw MissingTool.Skip($"moto is required for this test: {moto.Missing}");
        return moto.Server;
    }

    private static async Task<string> PythonAsync(MotoServer server, string script, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string?>(MotoServer.ClientEnvironment(server.Url));
        foreach (var (name, value) in variables) environment[name] = value;
        var result = await Boto3.RunAsync(script, environment);
        Assert.True(result.ExitCode == 0, $"python/boto3 failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    private static DeployKeyWorld MotoWorld(MotoServer server)
    {
        var world = DeployKeyWorld.Create();
        world.Variables["AWS_ENDPOINT_URL_KMS"] = server.Url;
        world.Credentials = new BasicAWSCredentials("testing", "testing");
        return world;
    }

    [SkippableFact]
    public async Task A_port_taken_before_moto_binds_it_costs_one_more_start_not_the_test()
    {
        _ = Server(); // moto is installed
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var ports = new TakenFirstPorts(takenPort);
        string? missing = null;

        await using var server = await MotoServer.TryStartAsync(reason => missing = reason, nextPort: ports.Next);

        Assert.True(server is not null, missing);
        Assert.Equal(2, ports.Offered.Count);
        Assert.Equal(ports.Offered[1], server.Port);
        using var kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonKeyManagementServiceConfig { ServiceURL = server.Url, AuthenticationRegion = KmsEmulator.DefaultRegion });
        Assert.StartsWith("arn:aws:kms:", (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.Arn);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Stopping_moto_takes_bounded_time_when_something_it_started_keeps_its_output_open()
    {
        _ = Server(); // moto is installed
        var directory = Fixtures.Git.GitRepo.NewTempDirectory("moto-wrapper");
        var marker = "moto-wrapper-orphan-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // moto behind a wrapper whose orphan (outside the process tree the kill sees) holds moto's output open.
            var wrapper = Path.Combine(directory, "moto_server");
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\n( setsid sh -c 'sleep 60; : {marker}' & )\nexec moto_server \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string? missing = null;
            var server = await MotoServer.TryStartAsync(reason => missing = reason, wrapper);
            Assert.True(server is not null, missing);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await server.DisposeAsync();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {clock.Elapsed}");
            Assert.NotEmpty(Processes.CommandLinesContaining(marker)); // the orphan was there to hold the output
        }
        finally
        {
            foreach (var line in Processes.CommandLinesContaining(marker))
                try { System.Diagnostics.Process.GetProcessById(int.Parse(line[..line.IndexOf(':')])).Kill(entireProcessTree: true); }
                catch (ArgumentException) { }
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_key_encrypted_by_boto3_decrypts_through_moto()
    {
        var server = Server();
        await using var world = MotoWorld(server);
        var key = await TestKey.GenerateAsync(world.Scratch);
        var plaintextFile = Path.Combine(world.Scratch, "plain");
        await File.WriteAllTextAsync(plaintextFile, key.PrivateKey);
        Directory.CreateDirectory(Path.GetDirectoryName(world.CiphertextPath)!);

        var arn = moto.KeyArn;
        await PythonAsync(server, """
            import base64, boto3, os
            blob = boto3.client("kms").encrypt(KeyId=os.environ["KEY"], Plaintext=open(os.environ["PLAIN"], "rb").read(),
                EncryptionContext={"purpose": "gitlab-deploy-key", "project": "group/project"})["CiphertextBlob"]
            open(os.environ["OUT"], "w").write(base64.b64encode(blob).decode() + "\n")
            """, ("KEY", arn), ("PLAIN", plaintextFile), ("OUT", world.CiphertextPath));
        File.Delete(plaintextFile);

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request(keyId: arn, fingerprint: key.Fingerprint));

        Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
        Assert.Equal(TestKey.KeyPart(key.PublicKey), TestKey.KeyPart(decrypted.PublicKey));
    }

    [SkippableFact]
    public async Task CreateDeployKey_output_decrypts_with_boto3()
    {
        var server = Server();
        await using var world = MotoWorld(server);
        var arn = moto.KeyArn;

        var created = await world.Creator().CreateAsync(new CreateDeployKeyRequest(world.RepositoryRoot, arn, DeployKeyWorld.Context, DeployKeyWorld.ProjectPath));

        var plaintextFile = Path.Combine(world.Scratch, "from-boto3");
        await PythonAsync(server, """
            import base64, boto3, os
            blob = base64.b64decode(open(os.environ["IN"]).read())
            plain = boto3.client("kms").decrypt(CiphertextBlob=blob, KeyId=os.environ["KEY"],
                EncryptionContext={"purpose": "gitlab-deploy-key", "project": "group/project"})["Plaintext"]
            fd = os.open(os.environ["OUT"], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, plain)
            os.close(fd)
            """, ("IN", created.CiphertextFile), ("KEY", arn), ("OUT", plaintextFile));

        Assert.Equal(created.Fingerprint, await TestKey.FingerprintOfAsync(plaintextFile));
        Assert.Equal(arn, created.KmsKeyArn);
    }
}

/// <summary>The emulator speaks KMS as boto3 understands it: success and error codes alike.</summary>
public sealed class EmulatorBoto3Tests
{
    [SkippableFact]
    public async Task Boto3_encrypts_through_the_emulator_and_sees_real_error_codes()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await TestKey.GenerateAsync(world.Scratch);
        var plaintextFile = Path.Combine(world.Scratch, "plain");
        await File.WriteAllTextAsync(plaintextFile, key.PrivateKey);
        Directory.CreateDirectory(Path.GetDirectoryName(world.CiphertextPath)!);
        var environment = world.Kms.ClientEnvironment();
        environment["AWS_ACCESS_KEY_ID"] = "AKIABOTO3EXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "not-checked";
        environment["KEY"] = world.Key.Arn;
        environment["PLAIN"] = plaintextFile;
        environment["OUT"] = world.CiphertextPath;

        Boto3.Result result;
        try
        {
            result = await Boto3.RunAsync("""
                import base64, boto3, os, botocore
                kms = boto3.client("kms")
                blob = kms.encrypt(KeyId=os.environ["KEY"], Plaintext=open(os.environ["PLAIN"], "rb").read(),
                    EncryptionContext={"purpose": "gitlab-deploy-key", "project": "group/project"})["CiphertextBlob"]
                open(os.environ["OUT"], "w").write(base64.b64encode(blob).decode())
                try:
                    kms.decrypt(CiphertextBlob=blob, EncryptionContext={"purpose": "other"})
                except botocore.exceptions.ClientError as e:
                    print(e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                """, environment);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw MissingTool.Skip($"python3 with boto3 is required ({e.Message})");
        }
        if (result.ExitCode != 0 && result.StandardError.Contains("No module named 'boto3'"))
            throw MissingTool.Skip("boto3 is not installed (pip install boto3)");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("InvalidCiphertextException 400", result.StandardOutput.Trim());

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request(fingerprint: key.Fingerprint));
        Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
    }
}
