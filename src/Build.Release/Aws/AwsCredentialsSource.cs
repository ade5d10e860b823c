namespace GitLabRelease.Aws;

/// <summary>Which link of the credential chain answered; logged so a failing pipeline shows what it used, never the values.</summary>
public enum AwsCredentialsKind
{
    Explicit,
    WebIdentity,
    EnvironmentKeys,
    Profile,
    Container,
    InstanceProfile,
}

public sealed record AwsCredentialsSource(AwsCredentialsKind Kind, string Description);
