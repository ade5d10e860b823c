using Nuke.Common.CI.GitLab.Configuration;
using YamlDotNet.Core;

namespace GitLabCI.Tests;

public class GitLabCiYamlTests
{
    private static readonly GitLabCiFile Sample = new()
    {
        Stages = ["build"],
        Variables = [new("GIT_DEPTH", "0"), new("FLAG", "true"), new("A_PATH", "$CI_PROJECT_DIR/x")],
        Jobs =
        [
            new("zeta", new Job { Stage = "build", Script = ["echo zeta"], Interruptible = false }),
            new("alpha", new Job
            {
                Stage = "build",
                Script = ["echo 'quoted: yes'"],
                Coverage = @"/Total line coverage: (\d+(?:\.\d+)?)%/",
                IdTokens = [new("AWS_ID_TOKEN", new IdToken("https://gitlab.com"))],
            }),
        ],
    };

    [Fact]
    public void Header_lines_become_comments_before_the_document()
    {
        var yaml = GitLabCiYaml.Serialize(Sample, ["generated", "run ./build.sh --generate-configuration"]);

        Assert.StartsWith("# generated\n# run ./build.sh --generate-configuration\n", yaml);
        Assert.Equal(["stages", "variables", "zeta", "alpha"], YamlTree.Parse(yaml).Keys());
    }

    [Fact]
    public void Jobs_and_variables_keep_the_model_order()
    {
        var root = YamlTree.Parse(GitLabCiYaml.Serialize(Sample));

        Assert.Equal(["GIT_DEPTH", "FLAG", "A_PATH"], root.At("variables").Keys());
        Assert.Equal(["stages", "variables", "zeta", "alpha"], root.Keys());
    }

    [Fact]
    public void Strings_that_YAML_would_read_as_numbers_or_booleans_are_quoted()
    {
        var root = YamlTree.Parse(GitLabCiYaml.Serialize(Sample));

        // GitLab rejects non-string variable values such as the number 0, so "0" must stay a string.
        Assert.NotEqual(ScalarStyle.Plain, root.At("variables", "GIT_DEPTH").Scalar().Style);
        Assert.Equal("0", root.At("variables", "GIT_DEPTH").Text());
        Assert.NotEqual(ScalarStyle.Plain, root.At("variables", "FLAG").Scalar().Style);
        Assert.Equal(@"/Total line coverage: (\d+(?:\.\d+)?)%/", root.At("alpha", "coverage").Text());
        Assert.Equal("echo 'quoted: yes'", root.At("alpha", "script", 0).Text());
    }

    [Fact]
    public void Booleans_are_written_as_booleans_and_null_or_empty_values_are_left_out()
    {
        var root = YamlTree.Parse(GitLabCiYaml.Serialize(Sample));

        Assert.Equal(new ScalarStyleAndText(ScalarStyle.Plain, "false"), root.At("zeta", "interruptible").Scalar());
        Assert.Equal(["stage", "script", "interruptible"], root.At("zeta").Keys());
        Assert.False(root.Has("workflow"));
        Assert.False(root.Has("default"));
    }

    [Fact]
    public void Keywords_are_snake_case_and_maps_keep_their_own_keys()
    {
        var file = new GitLabCiFile
        {
            Jobs = [new("job", new Job
            {
                Script = ["true"],
                ResourceGroup = "release",
                IdTokens = [new("AWS_ID_TOKEN", new IdToken("https://gitlab.example"))],
                Artifacts = new Artifacts { ExpireIn = "1 week", Reports = new ArtifactReports { CoverageReport = new CoverageReport("cobertura", "c.xml") } },
            })],
        };

        var job = YamlTree.Parse(GitLabCiYaml.Serialize(file)).At("job");

        Assert.Equal("release", job.At("resource_group").Text());
        Assert.Equal("https://gitlab.example", job.At("id_tokens", "AWS_ID_TOKEN", "aud").Text());
        Assert.Equal("1 week", job.At("artifacts", "expire_in").Text());
        Assert.Equal("cobertura", job.At("artifacts", "reports", "coverage_report", "coverage_format").Text());
    }

    [Fact]
    public void Rules_write_if_before_when()
    {
        var file = new GitLabCiFile { Workflow = new Workflow([Rule.Never("$CI_COMMIT_TAG"), new Rule { When = WhenValues.Always }]) };

        var rules = YamlTree.Parse(GitLabCiYaml.Serialize(file)).At("workflow", "rules");

        Assert.Equal(["if", "when"], rules.At(0).Keys());
        Assert.Equal("never", rules.At(0, "when").Text());
        Assert.Equal(["when"], rules.At(1).Keys());
    }

    [Theory]
    [InlineData("variables")]
    [InlineData(".hidden")]
    public void A_job_named_like_a_global_keyword_or_hidden_is_refused(string name)
    {
        var file = new GitLabCiFile { Jobs = [new(name, new Job { Script = ["true"] })] };

        Assert.Throws<ArgumentException>(() => GitLabCiYaml.Serialize(file));
    }

    [Fact]
    public void Same_model_same_text()
    {
        Assert.Equal(GitLabCiYaml.Serialize(Sample, ["h"]), GitLabCiYaml.Serialize(Sample with { }, ["h"]));
        Assert.DoesNotContain("\r", GitLabCiYaml.Serialize(Sample));
    }
}
