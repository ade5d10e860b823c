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
    public void Sharded_the_copies_durations_are_collected_by_a_job_of_their_own_and_handed_to_the_next_pipelines_copies()
    {
        var root = Generated(3);
        const string durations = ".nuke/temp/test-durations/";

        // The compile job reads the last pipeline's files, keeps the NuGet cache, and hands the files to every copy.
        var compileCaches = root.At("compile", "cache").Items();
        Assert.Equal([".nuget/packages"], compileCaches[0].At("paths").Strings());
        Assert.Equal("nuget", compileCaches[0].At("key", "prefix").Text());
        Assert.Equal("test-durations", compileCaches[1].At("key").Text());
        Assert.Equal([durations], compileCaches[1].At("paths").Strings());
        Assert.Equal("pull", compileCaches[1].At("policy").Text());
        Assert.Contains(durations, root.At("compile", "artifacts", "paths").Strings());
        // Each copy leaves its own file as an artifact; one job after all copies stores them together.
        Assert.Contains(durations, root.At("test", "artifacts", "paths").Strings());
        var collect = root.At("test-durations");
        Assert.Equal(["test"], collect.At("needs").Strings());
        Assert.Equal("none", collect.At("variables", "GIT_STRATEGY").Text());
        var cache = Assert.Single(collect.At("cache").Items());
        Assert.Equal("test-durations", cache.At("key").Text());
        Assert.Equal("push", cache.At("policy").Text());
        Assert.Equal([durations], cache.At("paths").Strings());
        Assert.Contains(collect.At("script").Strings(), line => line.Contains("! -name '*-of-3.json' -delete", StringComparison.Ordinal));
        Assert.Equal("$CI_COMMIT_TAG", collect.At("rules", 0, "if").Text());
    }

    [Fact]
    public void Unsharded_there_are_no_durations_to_collect()
    {
        var root = Generated();

        Assert.False(root.Has("test-durations"));
        Assert.False(root.At("compile").Has("cache"));
        Assert.DoesNotContain(root.At("compile", "artifacts", "paths").Strings(), p => p.Contains("durations", StringComparison.Ordinal));
        Assert.False(root.At("test", "artifacts").Has("paths"));
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
