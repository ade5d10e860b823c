using Nuke.Common.CI;

namespace GitLabCI.Tests;

/// <summary>The release job asks for an ID token only when the push may use the deploy key (decided from committed files).</summary>
public sealed class ReleaseIdTokenRuleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("id-token-rule-").FullName;

    private BuildModel Model(bool withPushWith = true) => SampleModels.Contract() with
    {
        RootDirectory = _root,
        Parameters = withPushWith ? [new ParameterInfo("PushWith", "push-with", null, false, typeof(string))] : [],
    };

    private void Files(string? pushWith, bool keyFile, string? deployKeyFile = null)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var entries = new List<string>();
        if (pushWith is not null) entries.Add($"\"PushWith\": \"{pushWith}\"");
        if (deployKeyFile is not null) entries.Add($"\"DeployKeyFile\": \"{deployKeyFile}\"");
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), "{ " + string.Join(", ", entries) + " }\n");
        var key = Path.Combine(_root, deployKeyFile ?? ".nuke/deploy-key.enc");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        if (keyFile) File.WriteAllText(key, "AQID\n");
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData("auto", true, true)]
    [InlineData("auto", false, false)]
    [InlineData("deploy-key", false, true)]
    [InlineData("DeployKey", false, true)]
    [InlineData("job-token", true, false)]
    [InlineData("JOB_TOKEN", true, false)]
    public void Id_tokens_only_when_the_deploy_key_can_be_used(string? pushWith, bool keyFile, bool expected)
    {
        Files(pushWith, keyFile);

        Assert.Equal(expected, ReleaseIdTokenRule.DeployKeyPossible(Model()));
        var yaml = YamlTree.Parse(new GitLabCIAttribute { IdTokenAudience = "https://gitlab.example.com" }.Generate(Model()));
        Assert.Equal(expected, yaml.At("release").Has("id_tokens"));
        Assert.Equal(expected, yaml.At("preflight").Has("id_tokens"));
    }

    [Fact]
    public void A_key_file_named_in_parameters_json_counts()
    {
        Files(null, keyFile: true, deployKeyFile: "keys/release.enc");
        Assert.True(ReleaseIdTokenRule.DeployKeyPossible(Model()));
    }

    [Fact]
    public void A_build_without_PushWith_pushes_with_the_deploy_key_and_always_gets_the_token()
    {
        Files("job-token", keyFile: false);
        Assert.True(ReleaseIdTokenRule.DeployKeyPossible(Model(withPushWith: false)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
