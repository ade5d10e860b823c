using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EndToEnd.Tests.Support;
using Fixtures.Kms;

namespace EndToEnd.Tests;

/// <summary>
/// Onboarding as a new user does it, against a strict STS: CreateDeployKey on a laptop whose origin is a self-managed
/// GitLab on port 2222, a local Tag afterwards, then the three AWS files it wrote applied to the STS and a release
/// pipeline whose ID token carries the audience of the generated .gitlab-ci.yml. Only the default branch of this project
/// may assume the role; every other token is refused with the cause and the fix.
/// </summary>
[Collection(RepositoryCollection.Name)]
public sealed class OnboardingTests(ReleaseFixture fixture)
{
    private const string GitLabUrl = "https://gitlab.example.com";

    [Fact]
    public async Task CreateDeployKey_files_let_only_default_branch_pipelines_of_the_project_release()
    {
        using var release = await fixture.CreateRepoAsync(withReleaseSetup: false);
        var bare = release.Repo.Git("remote", "get-url", "origin");
        release.Repo.Git("remote", "set-url", "origin", $"ssh://git@gitlab.example.com:2222/{release.Project}.git");

        // 1. CreateDeployKey on a laptop: host, port and project come from origin.
        var laptop = Laptop(release);
        var created = await laptop.RunAsync(["CreateDeployKey"]);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("ssh-keyscan -t ed25519,rsa,ecdsa -p 2222 gitlab.example.com", created.Output);
        Assert.Contains("default branch main", created.Output); // assumed, and said so
        var aws = Path.Combine(release.Repo.Path, "artifacts", "aws");
        var files = new[] { "oidc-provider.json", "role-trust-policy.json", "kms-key-policy.json" }.Select(f => Path.Combine(aws, f)).ToArray();
        var written = string.Join("\n", files.Select(File.ReadAllText));
        foreach (var text in new[] { created.Output, written })
        {
            Assert.DoesNotContain("gitlab.com", text);
            Assert.DoesNotContain("sts.amazonaws.com", text);
        }
        Assert.Contains("aws iam create-open-id-connect-provider --cli-input-json file://artifacts/aws/oidc-provider.json", created.Output);
        var generatedAudience = Regex.Match(File.ReadAllText(Path.Combine(release.Repo.Path, ".gitlab-ci.yml")),
            @"AWS_ID_TOKEN:\s*\n\s*aud: (\S+)").Groups[1].Value;
        Assert.Equal("$CI_SERVER_URL", generatedAudience);
        Assert.Equal(GitLabUrl, (string?)JsonNode.Parse(File.ReadAllText(files[0]))!["ClientIDList"]![0]);
        var publicKey = Regex.Match(created.Output, @"ssh-ed25519 \S+ deploy-key \S+").Value;
        Assert.NotEmpty(publicKey);

        // 2. A local Tag after onboarding tags locally, decrypts nothing and pushes nothing.
        var decryptsBefore = fixture.Kms.CountOf("Decrypt");
        var tag = await Laptop(release).RunAsync(["Tag", "--skip", "Restore", "Compile", "Test"]);
        Assert.True(tag.ExitCode == 0, tag.ToString());
        Assert.StartsWith("v", release.Repo.Git("tag", "--points-at", "HEAD"));
        Assert.Contains("--push-from-laptop", tag.Output);
        Assert.Matches(@"DecryptDeployKey\s+Skipped", tag.Output);
        Assert.Matches(@"Push\s+Skipped", tag.Output);
        Assert.Equal(decryptsBefore, fixture.Kms.CountOf("Decrypt"));
        Assert.False(ReleaseRepo.DecryptedIn(tag.Output));

        // 3. The AWS setup, applied as the printed commands would.
        using var gitlab = new OidcIssuer(GitLabUrl);
        fixture.Kms.Sts.Publish(gitlab);
        fixture.Kms.Sts.CreateOpenIdConnectProvider(File.ReadAllText(files[0]));
        var role = fixture.Kms.Sts.CreateRole("gitlab-onboarded", File.ReadAllText(files[1]));
        fixture.Sshd.AuthorizeKey(publicKey, canWrite: true);
        release.Repo.Git("remote", "set-url", "origin", bare);
        var audience = generatedAudience.Replace("$CI_SERVER_URL", GitLabUrl, StringComparison.Ordinal);

        BuildProcess Pipeline(string token)
        {
            var pipeline = release.Pipeline();
            pipeline.Environment["CI_SERVER_URL"] = GitLabUrl;
            pipeline.Environment["CI_SERVER_HOST"] = "gitlab.example.com";
            pipeline.Environment["AWS_ROLE_ARN"] = role;
            pipeline.Environment["AWS_ID_TOKEN"] = token;
            return pipeline;
        }

        var tokens = new List<string>();
        string Mint(string project, string branch, string aud)
        {
            var minted = gitlab.MintJobToken(project, branch, aud, TimeSpan.FromMinutes(30));
            tokens.Add(minted);
            return minted;
        }

        // Refusals first (DecryptDeployKey alone: no GitVersion needed to reach STS).
        var refusals = new (string Token, string[] Cause, string[] Fix)[]
        {
            (Mint(release.Project, "feature/x", audience), ["AccessDenied", "ref:feature/x"], ["role-trust-policy.json", "default branch"]),
            (Mint("group/someone-else", "main", audience), ["AccessDenied", "project_path:group/someone-else"], ["role-trust-policy.json"]),
            (Mint(release.Project, "main", "sts.amazonaws.com"), ["InvalidIdentityToken", "ClientIDList", "aud sts.amazonaws.com"], ["add-client-id-to-open-id-connect-provider", "IdTokenAudience"]),
        };
        foreach (var (token, cause, fix) in refusals)
        {
            var refused = await Pipeline(token).RunAsync(["DecryptDeployKey"]);
            Assert.True(refused.ExitCode != 0, refused.ToString());
            foreach (var text in cause.Concat(fix)) Assert.Contains(text, refused.Output);
            Assert.False(ReleaseRepo.DecryptedIn(refused.Output));
            SecretChecks.AssertNotIn(refused, tokens.Concat(fixture.Kms.IssuedSecrets));
        }

        // The default branch of this project releases.
        var ok = await Pipeline(Mint(release.Project, "main", audience)).RunAsync(["Tag", "--skip", "Restore", "Compile", "Test"]);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        var semVer = (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(release.Repo.Path, "artifacts", "version.json")))!["SemVer"];
        Assert.Equal(release.Repo.Head, fixture.Sshd.TagCommit(release.Project, "v" + semVer));
        SecretChecks.AssertNotIn(ok, tokens.Concat(fixture.Kms.IssuedSecrets));
    }

    private BuildProcess Laptop(ReleaseRepo release)
    {
        var laptop = new BuildProcess { Root = release.Repo.Path };
        foreach (var (name, value) in fixture.Kms.ClientEnvironment()) laptop.Environment[name] = value;
        laptop.Environment["CI"] = null;
        laptop.Environment["AWS_ACCESS_KEY_ID"] = "E2ELAPTOPKEYID00";
        laptop.Environment["AWS_SECRET_ACCESS_KEY"] = "e2e-laptop-secret-access-key-not-real-0000";
        laptop.Environment["KMS_KEY_ID"] = fixture.KmsKeyId;
        return laptop;
    }
}
