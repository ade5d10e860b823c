using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fixtures.Kms;

/// <summary>
/// AssumeRoleWithWebIdentity as AWS STS decides it for an IAM OIDC identity provider: the token must be an RS256 JWT
/// whose <c>iss</c> names a provider of the account, signed by a key of the issuer's JWKS, not expired, with an
/// <c>aud</c> in the provider's ClientIDList; then the role's trust policy must allow
/// <c>sts:AssumeRoleWithWebIdentity</c> for that provider, with its <c>StringEquals</c>/<c>StringLike</c> conditions on
/// <c>&lt;provider&gt;:aud</c> and <c>&lt;provider&gt;:sub</c> met. Failures carry STS's codes and statuses:
/// InvalidIdentityToken (400), ExpiredTokenException (400), AccessDenied (403), ValidationError (400).
/// Providers and roles are created from the same JSON the AWS CLI takes (<c>create-open-id-connect-provider
/// --cli-input-json</c>, <c>create-role --assume-role-policy-document</c>).
/// </summary>
public sealed class StrictSts
{
    public const string Action = "sts:AssumeRoleWithWebIdentity";

    private readonly string _account;
    private readonly ConcurrentDictionary<string, string> _jwks = new(StringComparer.Ordinal); // issuer URL -> JWKS JSON ("the network")
    private readonly ConcurrentDictionary<string, string[]> _providers = new(StringComparer.Ordinal); // provider name -> ClientIDList
    private readonly ConcurrentDictionary<string, JsonNode> _roles = new(StringComparer.Ordinal); // role ARN -> trust policy

    public StrictSts(string account) => _account = account;

    /// <summary>IAM names a provider by its URL without the scheme (and without a trailing slash).</summary>
    public static string ProviderName(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..].TrimEnd('/') : url.TrimEnd('/');

    public string ProviderArn(string url) => $"arn:aws:iam::{_account}:oidc-provider/{ProviderName(url)}";

    /// <summary>Makes the issuer's keys reachable, as GitLab serves them at <c>/oauth/discovery/keys</c>.</summary>
    public void Publish(OidcIssuer issuer) => _jwks[issuer.Url] = issuer.Jwks();

    /// <summary><c>aws iam create-open-id-connect-provider --cli-input-json file://oidc-provider.json</c>.</summary>
    public string CreateOpenIdConnectProvider(string cliInputJson)
    {
        var input = JsonNode.Parse(cliInputJson)!.AsObject();
        var url = (string?)input["Url"] ?? throw new ArgumentException("oidc-provider.json has no Url");
        if (!url.StartsWith("https://", StringComparison.Ordinal))
            throw new ArgumentException($"InvalidInput: the provider Url must begin with https:// ({url})");
        var clients = (input["ClientIDList"] as JsonArray)?.Select(c => (string)c!).ToArray() ?? [];
        _providers[ProviderName(url)] = clients;
        return ProviderArn(url);
    }

    /// <summary><c>aws iam create-role --role-name NAME --assume-role-policy-document file://role-trust-policy.json</c>.</summary>
    public string CreateRole(string roleName, string trustPolicyJson)
    {
        var arn = $"arn:aws:iam::{_account}:role/{roleName}";
        _roles[arn] = JsonNode.Parse(trustPolicyJson) ?? throw new ArgumentException("empty trust policy");
        return arn;
    }

    /// <summary>A provider for <paramref name="issuer"/> and a role trusting one project's default branch, as the onboarding files say.</summary>
    public string TrustGitLabProject(OidcIssuer issuer, string roleName, string projectPath, string branch, string audience)
    {
        Publish(issuer);
        CreateOpenIdConnectProvider(new JsonObject { ["Url"] = issuer.Url, ["ClientIDList"] = new JsonArray(audience) }.ToJsonString());
        var provider = issuer.ProviderName;
        return CreateRole(roleName, new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Federated"] = ProviderArn(issuer.Url) },
                ["Action"] = Action,
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject
                    {
                        [$"{provider}:aud"] = audience,
                        [$"{provider}:sub"] = $"project_path:{projectPath}:ref_type:branch:ref:{branch}",
                    },
                },
            }),
        }.ToJsonString());
    }

    public abstract record Outcome;
    public sealed record Assumed(string Subject, string Audience, string Provider) : Outcome;
    public sealed record Refused(int Status, string Code, string Message) : Outcome;

    public Outcome AssumeRoleWithWebIdentity(string roleArn, string sessionName, string token, DateTimeOffset? now = null)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(sessionName, @"^[\w+=,.@-]{2,64}$"))
            return new Refused(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        if (token.Length is < 4 or > 20000)
            return new Refused(400, "ValidationError", "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000");

        var parts = token.Split('.');
        JsonObject header, claims;
        byte[] signature;
        try
        {
            if (parts.Length != 3) throw new FormatException();
            header = JsonNode.Parse(OidcIssuer.FromBase64Url(parts[0]))!.AsObject();
            claims = JsonNode.Parse(OidcIssuer.FromBase64Url(parts[1]))!.AsObject();
            signature = OidcIssuer.FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return Invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        }

        var issuer = claims["iss"]?.GetValueKind() == JsonValueKind.String ? (string)claims["iss"]! : null;
        if (issuer is null) return Invalid("The ID Token has no iss claim.");
        var provider = ProviderName(issuer);
        if (!issuer.StartsWith("https://", StringComparison.Ordinal) || !_providers.TryGetValue(provider, out var clientIds))
            return Invalid($"No OpenIDConnect provider found in your account for {issuer}");

        if ((string?)header["alg"] != "RS256") return Invalid("Unsupported token signing algorithm.");
        if (!_jwks.TryGetValue(issuer, out var jwks))
            return new Refused(400, "IDPCommunicationError", "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements");
        if (!Verify(jwks, (string?)header["kid"], Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature))
            return Invalid("The signature of the ID Token is invalid.");

        var clock = now ?? DateTimeOffset.UtcNow;
        if (Seconds(claims["exp"]) is not { } exp) return Invalid("The ID Token has no exp claim.");
        if (exp <= clock.ToUnixTimeSeconds())
            return new Refused(400, "ExpiredTokenException",
                $"Token expired: current date/time {clock.ToUnixTimeSeconds()} must be before the expiration date/time {exp}");
        if (Seconds(claims["nbf"]) is { } nbf && nbf > clock.ToUnixTimeSeconds() + 300) return Invalid("The ID Token is not yet valid.");

        var audiences = claims["aud"] switch
        {
            JsonArray many => many.Select(a => (string?)a).OfType<string>().ToArray(),
            JsonValue one when one.GetValueKind() == JsonValueKind.String => [(string)one!],
            _ => [],
        };
        var audience = audiences.FirstOrDefault(a => clientIds.Contains(a, StringComparer.Ordinal));
        if (audience is null) return Invalid("Incorrect token audience");

        var subject = (string?)claims["sub"] ?? "";
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{provider}:aud"] = audience,
            [$"{provider}:sub"] = subject,
        };
        if (!_roles.TryGetValue(roleArn, out var policy) || !TrustPolicy.Allows(policy, ProviderArn(issuer), Action, context))
            return new Refused(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        return new Assumed(subject, audience, provider);

        static Refused Invalid(string message) => new(400, "InvalidIdentityToken", message);
    }

    private static long? Seconds(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var seconds) ? seconds : null;

    private static bool Verify(string jwks, string? keyId, byte[] signingInput, byte[] signature)
    {
        foreach (var key in JsonNode.Parse(jwks)!["keys"]!.AsArray())
        {
            if (key is null || (string?)key["kty"] != "RSA" || (keyId is not null && (string?)key["kid"] != keyId)) continue;
            using var rsa = RSA.Create(new RSAParameters
            {
                Modulus = OidcIssuer.FromBase64Url((string)key["n"]!),
                Exponent = OidcIssuer.FromBase64Url((string)key["e"]!),
            });
            if (rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return true;
        }
        return false;
    }
}
