namespace Nuke.Common.Parameters;

/// <summary>
/// Recognizes values that are secrets whatever variable holds them: a PEM private key, a JWT (an OIDC ID token).
/// Used to refuse them where a path is expected, to mask them from the start and to keep them from child processes.
/// </summary>
public static class SecretShape
{
    /// <summary>What the value looks like, or null for nothing secret-shaped.</summary>
    public static string? Describe(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Contains("PRIVATE KEY-----", StringComparison.Ordinal) || value.Contains("-----BEGIN OPENSSH", StringComparison.Ordinal))
            return "a private key";
        if (IsJwt(value.AsSpan().Trim())) return "a JSON Web Token (an ID token)";
        return null;
    }

    public static bool IsSecret(string? value) => Describe(value) is not null;

    // header.payload.signature, each base64url; a JOSE header always starts with {" (eyJ). Checked by hand rather
    // than with a regex: every run checks every environment variable, and a regex's first match costs start-up time.
    private static bool IsJwt(ReadOnlySpan<char> value)
    {
        if (!value.StartsWith("eyJ", StringComparison.Ordinal)) return false;
        var first = value.IndexOf('.');
        if (first < 11) return false;
        var rest = value[(first + 1)..];
        var second = rest.IndexOf('.');
        return second >= 8 && IsBase64Url(value[3..first]) && IsBase64Url(rest[..second]) && IsBase64Url(rest[(second + 1)..]);
    }

    private static bool IsBase64Url(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-') return false;
        return true;
    }
}
