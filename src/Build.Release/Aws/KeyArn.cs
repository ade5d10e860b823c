namespace GitLabRelease.Aws;

/// <summary>KMS key ARNs carry their region: <c>arn:aws:kms:eu-central-1:111122223333:key/…</c>.</summary>
public static class KeyArn
{
    public static string? RegionOf(string keyId)
    {
        var parts = keyId.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "kms" && parts[3].Length > 0 ? parts[3] : null;
    }

    public static string? AccountOf(string keyId)
    {
        var parts = keyId.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
    }
}
