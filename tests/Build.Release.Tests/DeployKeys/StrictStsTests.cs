using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Fixtures.Kms;

namespace Release.Tests.DeployKeys;

/// <summary>
/// The strict STS refuses what AWS STS refuses, through the real SDK on the wire: each check can fail, with STS's
/// error code. A peer kinder than AWS would let a release flow pass here and fail on its first real release.
/// </summary>
public sealed class StrictStsTests : IAsyncLifetime
{
    private const string Url = "https://gitlab.example.com";
    private const string Project = "group/project";
    private readonly OidcIssuer _issuer = new(Url);
    private KmsEmulator _kms = null!;
    private string _role = null!;

    public Task InitializeAsync()
    {
        _kms = KmsEmulator.Start();
        _role = _kms.Sts.TrustGitLabProject(_issuer, "gitlab-release", Project, "main", Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _kms.DisposeAsync();
        _issuer.Dispose();
    }

    private async Task<AssumeRoleWithWebIdentityResponse> AssumeAsync(string token, string? role = null)
    {
        using var sts = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _kms.Url, AuthenticationRegion = KmsEmulator.DefaultRegion, MaxErrorRetry = 0 });
        return await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = role ?? _role, RoleSessionName = "gitlab-group-project-1", WebIdentityToken = token,
        });
    }

    [Fact]
    public async Task A_default_branch_token_of_the_trusted_project_with_the_registered_audience_is_accepted()
    {
        var response = await AssumeAsync(_issuer.MintJobToken(Project, "main", Url));

        Assert.Equal($"project_path:{Project}:ref_type:branch:ref:main", response.SubjectFromWebIdentityToken);
        Assert.Equal(Url, response.Audience);
        Assert.Equal("gitlab.example.com", response.Provider);
        Assert.StartsWith("ASIA", response.Credentials.AccessKeyId);
    }

    public static TheoryData<string> Refusals() =>
    [
        "feature branch", "other project", "tag ref", "wrong audience", "sts.amazonaws.com audience", "expired", "forged signature",
        "unknown issuer", "not a JWT", "alg none", "role without trust", "tampered claims",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refuses_what_AWS_STS_refuses_with_its_error_code(string row)
    {
        using var forger = new OidcIssuer(Url);
        using var stranger = new OidcIssuer("https://gitlab.other.example");
        var good = _issuer.MintJobToken(Project, "main", Url);
        var (token, role, code) = row switch
        {
            "feature branch" => (_issuer.MintJobToken(Project, "feature/x", Url), _role, "AccessDenied"),
            "other project" => (_issuer.MintJobToken("group/other", "main", Url), _role, "AccessDenied"),
            "tag ref" => (_issuer.MintJobToken(Project, "main", Url, adjust: c => c["sub"] = $"project_path:{Project}:ref_type:tag:ref:main"), _role, "AccessDenied"),
            "wrong audience" => (_issuer.MintJobToken(Project, "main", "https://gitlab.com"), _role, "InvalidIdentityToken"),
            "sts.amazonaws.com audience" => (_issuer.MintJobToken(Project, "main", "sts.amazonaws.com"), _role, "InvalidIdentityToken"),
            "expired" => (_issuer.MintJobToken(Project, "main", Url, TimeSpan.FromSeconds(-30)), _role, "ExpiredTokenException"),
            "forged signature" => (forger.MintJobToken(Project, "main", Url), _role, "InvalidIdentityToken"),
            "unknown issuer" => (stranger.MintJobToken(Project, "main", Url), _role, "InvalidIdentityToken"),
            "not a JWT" => ("eyJhbGciOiJSUzI1NiJ9.not-a-token.c2ln", _role, "InvalidIdentityToken"),
            "alg none" => (AlgNone(good), _role, "InvalidIdentityToken"),
            "role without trust" => (good, $"arn:aws:iam::{KmsEmulator.Account}:role/nobody-trusts-gitlab", "AccessDenied"),
            "tampered claims" => (Tamper(good), _role, "InvalidIdentityToken"),
            _ => throw new ArgumentOutOfRangeException(nameof(row)),
        };

        var e = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => AssumeAsync(token, role));

        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(code == "AccessDenied" ? System.Net.HttpStatusCode.Forbidden : System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public void Trust_policy_conditions_are_evaluated_as_IAM_does()
    {
        var arn = $"arn:aws:iam::{KmsEmulator.Account}:oidc-provider/gitlab.example.com";
        var policy = JsonNode.Parse($$"""
            { "Statement": [
              { "Effect": "Allow", "Principal": { "Federated": "{{arn}}" }, "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": { "StringEquals": { "gitlab.example.com:aud": "https://gitlab.example.com" },
                               "StringLike": { "gitlab.example.com:sub": ["project_path:group/*:ref_type:branch:ref:main", "project_path:x:ref_type:branch:ref:release-?"] } } },
              { "Effect": "Deny", "Principal": { "Federated": "{{arn}}" }, "Action": "sts:*",
                "Condition": { "StringEquals": { "gitlab.example.com:sub": "project_path:group/banned:ref_type:branch:ref:main" } } } ] }
            """)!;
        bool Allows(string sub, string aud = "https://gitlab.example.com", string principal = "") => TrustPolicy.Allows(policy,
            principal.Length > 0 ? principal : arn, StrictSts.Action,
            new Dictionary<string, string> { ["gitlab.example.com:aud"] = aud, ["gitlab.example.com:sub"] = sub });

        Assert.True(Allows("project_path:group/app:ref_type:branch:ref:main"));
        Assert.True(Allows("project_path:x:ref_type:branch:ref:release-1"));
        Assert.False(Allows("project_path:x:ref_type:branch:ref:release-10")); // ? is one character
        Assert.False(Allows("project_path:group/app:ref_type:branch:ref:feature"));
        Assert.False(Allows("project_path:group/app:ref_type:branch:ref:main", aud: "sts.amazonaws.com"));
        Assert.False(Allows("project_path:group/banned:ref_type:branch:ref:main")); // an explicit Deny wins
        Assert.False(Allows("project_path:group/app:ref_type:branch:ref:main", principal: $"arn:aws:iam::{KmsEmulator.Account}:oidc-provider/other"));
        Assert.False(TrustPolicy.Allows(policy, arn, StrictSts.Action, new Dictionary<string, string>())); // a missing key fails a positive condition
    }

    private static string AlgNone(string token)
    {
        var parts = token.Split('.');
        return OidcIssuerTestText.Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var claims = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!;
        claims["project_path"] = "group/evil";
        claims["sub"] = "project_path:group/project:ref_type:branch:ref:main";
        return parts[0] + "." + OidcIssuerTestText.Base64Url(claims.ToJsonString() + " ") + "." + parts[2];
    }

    private static string Pad(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return padded + (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
    }
}

internal static class OidcIssuerTestText
{
    public static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
