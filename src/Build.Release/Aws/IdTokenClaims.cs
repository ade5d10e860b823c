using System.Text;
using System.Text.Json;

namespace GitLabRelease.Aws;

/// <summary>
/// The claims of a GitLab ID token that explain an STS refusal (iss, aud, sub, exp), read without verifying the
/// signature: STS verifies it; the build only names what it sent. None of these claims is a secret; the token is.
/// </summary>
public sealed record IdTokenClaims(string? Issuer, IReadOnlyList<string> Audience, string? Subject, DateTimeOffset? Expires)
{
    public static IdTokenClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += (payload.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var audience = root.TryGetProperty("aud", out var aud)
                ? aud.ValueKind switch
                {
                    JsonValueKind.String => [aud.GetString()!],
                    JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
                    _ => [],
                }
                : new List<string>();
            DateTimeOffset? expires = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            return new IdTokenClaims(Text("iss"), audience, Text("sub"), expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>e.g. <c>iss https://gitlab.example.com, aud https://gitlab.example.com, sub project_path:g/p:ref_type:branch:ref:main</c>.</summary>
    public string Describe() =>
        $"iss {Issuer ?? "(none)"}, aud {(Audience.Count == 0 ? "(none)" : string.Join(" ", Audience))}, sub {Subject ?? "(none)"}";
}
