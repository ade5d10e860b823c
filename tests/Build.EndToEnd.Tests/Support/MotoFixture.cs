using Fixtures.Kms;

namespace EndToEnd.Tests.Support;

/// <summary>moto_server for a test class, or the reason it is not there (the tests fail on CI, return early locally).</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServer? Moto { get; private set; }
    public string? Missing { get; private set; }

    public async Task InitializeAsync() => Moto = await MotoServer.TryStartAsync(reason => Missing = reason);

    public async Task DisposeAsync()
    {
        if (Moto is not null) await Moto.DisposeAsync();
    }

    /// <summary>
    /// The environment of a child process using moto the way the issue asks: AWS_ENDPOINT_URL_KMS (not the
    /// global endpoint) and dummy credentials moto accepts; no profile, no instance metadata.
    /// </summary>
    public Dictionary<string, string?> KmsEnvironment()
    {
        var environment = new Dictionary<string, string?>(MotoServer.ClientEnvironment(Moto!.Url))
        {
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_KMS"] = Moto.Url,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        return environment;
    }
}
