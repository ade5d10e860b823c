using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fixtures.Kms;

/// <summary>
/// A GitLab instance's OIDC side: an RSA signing key published as a JWKS, and RS256 ID tokens with the claims
/// GitLab puts in a job's <c>id_tokens</c> (https://docs.gitlab.com/ci/secrets/id_token_authentication/).
/// <see cref="StrictSts"/> verifies them the way AWS STS does.
/// </summary>
public sealed class OidcIssuer : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    /// <param name="url">The instance URL, exactly as GitLab puts it in <c>iss</c> (CI_SERVER_URL), e.g. https://gitlab.example.com.</param>
    public OidcIssuer(string url)
    {
        Url = url;
        KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    }

    public string Url { get; }
    public string KeyId { get; }

    /// <summary>The host (and path) IAM names the provider by: the URL without its scheme.</summary>
    public string ProviderName => StrictSts.ProviderName(Url);

    /// <summary>What <c>{Url}/oauth/discovery/keys</c> serves.</summary>
    public string Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = KeyId, ["use"] = "sig", ["alg"] = "RS256",
                ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!),
            }),
        }.ToJsonString();
    }

    /// <summary>A job's ID token as GitLab issues it for a branch pipeline; <paramref name="adjust"/> may change any claim.</summary>
    public string MintJobToken(string projectPath, string branch, string audience, TimeSpan? lifetime = null, Action<JsonObject>? adjust = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["namespace_id"] = "72",
            ["namespace_path"] = projectPath.Contains('/') ? projectPath[..projectPath.LastIndexOf('/')] : projectPath,
            ["project_id"] = "4242",
            ["project_path"] = projectPath,
            ["user_id"] = "17",
            ["user_login"] = "release-tester",
            ["user_email"] = "release-tester@example.test",
            ["user_access_level"] = "maintainer",
            ["pipeline_id"] = "4242",
            ["pipeline_source"] = "push",
            ["job_id"] = "987654",
            ["ref"] = branch,
            ["ref_type"] = "branch",
            ["ref_path"] = "refs/heads/" + branch,
            ["ref_protected"] = "true",
            ["runner_id"] = 12,
            ["runner_environment"] = "self-hosted",
            ["sha"] = "0000000000000000000000000000000000000000",
            ["project_visibility"] = "private",
            ["ci_config_ref_uri"] = $"{ProviderName}/{projectPath}//.gitlab-ci.yml@refs/heads/{branch}",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = Url,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
            ["sub"] = $"project_path:{projectPath}:ref_type:branch:ref:{branch}",
            ["aud"] = audience,
        };
        adjust?.Invoke(claims);
        return Sign(claims);
    }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["kid"] = KeyId, ["typ"] = "JWT", ["alg"] = "RS256" };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("not base64url") };
        return Convert.FromBase64String(padded);
    }

    public void Dispose() => _key.Dispose();
}
