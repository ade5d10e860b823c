using Nuke.Common;

namespace GitLabCI.Tests;

/// <summary>Each piece of work once per pipeline, and the test job sharded: what the generator writes for it.</summary>
public class PipelineWorkOnceTests
{
    private static YamlDotNet.RepresentationModel.YamlMappingNode Generated(int shards = 1) =>
        YamlTree.Parse(new GitLabCIAttribute { IdTokenAudience = "https://gitlab.example.com", TestShards = shards }.Generate(SampleModels.Contract()));

    [Fact]
    public void Test_shards_become_parallel_copies_of_the_test_job()
    {
        Assert.Equal("3", Generated(3).At("test", "parallel").Text());
        Assert.False(Generated(1).At("test").Has("parallel"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Shards_outside_GitLabs_range_are_refused(int shards)
    {
        var e = Assert.Throws<BuildException>(() => Generated(shards));
        Assert.Contains("TestShards", e.Message);
    }

    [Fact]
    public void The_compile_job_hands_the_built_build_and_the_solution_output_on_as_artifacts()
    {
        var paths = Generated().At("compile", "artifacts", "paths").Strings();
        Assert.Contains(".nuke/temp/bin/", paths);
        Assert.Contains("**/bin/", paths);
        Assert.Contains("**/obj/", paths);
        Assert.Contains(".nuget/**/*", Generated().At("compile", "artifacts", "exclude").Strings());
    }

    [Fact]
    public void The_test_job_does_not_restore_or_compile_again()
    {
        Assert.Equal(["./build.sh Test --skip Restore Compile"], Generated().At("test", "script").Strings());
    }

    [Fact]
    public void The_release_job_needs_the_compile_job_for_the_built_build_and_installs_ssh_only_for_a_deploy_key()
    {
        Assert.Equal(["compile", "test"], Generated().At("release", "needs").Strings());
        var before = Assert.Single(Generated().At("release", "before_script").Strings());
        Assert.StartsWith("test ! -f .nuke/deploy-key.enc ||", before);
    }
}
