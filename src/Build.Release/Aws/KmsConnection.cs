using Amazon.KeyManagementService;

namespace GitLabRelease.Aws;

/// <summary>A KMS client plus what error messages need to say where it talked to and as whom.</summary>
public sealed record KmsConnection(IAmazonKeyManagementService Client, string Endpoint, string Region, AwsCredentialsSource Credentials) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
