using System.Text.RegularExpressions;

namespace Nuke.Common.Parameters;

/// <summary>
/// Recognizes values that are secrets whatever variable holds them: a PEM private key, a JWT (an OIDC ID token).
/// Used to refuse them where a path is expected, to mask them from the start and to keep them from child processes.
/// </summary>
public static partial class SecretShape
{
    /// <summary>What the value looks like, or null for nothing secret-shaped.</summary>
    public static string? Describe(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Contains("PRIVATE KEY-----", StringComparison.Ordinal) || value.Contains("-----BEGIN OPENSSH", StringComparison.Ordinal))
            return "a private key";
        if (Jwt().IsMatch(value.Trim())) return "a JSON Web Token (an ID token)";
        return null;
    }

    public static bool IsSecret(string? value) => Describe(value) is not null;

    // header.payload.signature, each base64url; a JOSE header always starts with {" (eyJ).
    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();
}
