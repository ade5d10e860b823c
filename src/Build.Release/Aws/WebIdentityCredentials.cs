using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;

namespace GitLabRelease.Aws;

/// <summary>
/// The SDK's web identity credentials, with the STS client built from the build's own view of the
/// environment (region, AWS_ENDPOINT_URL_STS) rather than the SDK's per-process cache of it.
/// </summary>
internal sealed class WebIdentityCredentials(string tokenFile, string roleArn, string sessionName, string region, string? stsServiceUrl)
    : AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, sessionName)
{
    protected override ICoreAmazonSTS CreateClient()
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (stsServiceUrl is not null)
        {
            config.ServiceURL = stsServiceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        // AssumeRoleWithWebIdentity is unsigned: the ID token is the credential.
        return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
    }
}
