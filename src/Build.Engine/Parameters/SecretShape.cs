using System.Text.RegularExpressions;

namespace Nuke.Common.Parameters;

/// <summary>
/// Values that are secrets whatever the parameter is called: a PEM/OpenSSH private key, a JWT (an ID token), or text of
/// several lines (GitLab cannot mask multi-line variables, so that is where private keys hide). No real path looks like one.
/// </summary>
internal static partial class SecretShape
{
    public static string? Describe(string value)
    {
        if (value.Contains("PRIVATE KEY", StringComparison.Ordinal)) return "a private key";
        var trimmed = value.Trim();
        if (Jwt().IsMatch(trimmed)) return "a JSON Web Token (an ID token)";
        if (trimmed.Contains('\n') || trimmed.Contains('\r')) return "several lines";
        return null;
    }

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")]
    private static partial Regex Jwt();
}
