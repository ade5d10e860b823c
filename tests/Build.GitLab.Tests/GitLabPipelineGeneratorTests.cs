using Nuke.Common;
using Nuke.Common.CI;

namespace GitLabCI.Tests;

public class GitLabPipelineGeneratorTests
{
    private static readonly GitLabCIAttribute Attribute = new()
    {
        Image = "mcr.microsoft.com/dotnet/sdk:10.0",
        CompileTargets = ["Compile"],
        TestTargets = ["Test"],
        ReleaseTargets = ["Tag"],
        IdTokenAudience = "https://gitlab.example.com",
    };

    private static YamlDotNet.RepresentationModel.YamlMappingNode Generated(BuildModel? model = null, GitLabCIAttribute? attribute = null) =>
        YamlTree.Parse((attribute ?? Attribute).Generate(model ?? SampleModels.Contract()));

    [Fact]
    public void Attribute_writes_the_gitlab_ci_file()
    {
        Assert.Equal(".gitlab-ci.yml", Attribute.ConfigurationFile);
        Assert.IsAssignableFrom<ConfigurationAttributeBase>(Attribute);
    }

    [Fact]
    public void File_starts_with_a_comment_telling_how_to_regenerate_it()
    {
        var text = Attribute.Generate(SampleModels.Contract());

        var header = text.Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.NotEmpty(header);
        Assert.Contains(header, l => l.Contains("Generated", StringComparison.Ordinal));
        Assert.Contains(header, l => l.Contains("./build.sh --generate-configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Top_level_has_workflow_stages_variables_default_then_the_jobs_in_stage_order()
    {
        var root = Generated();

        Assert.Equal(["workflow", "stages", "variables", "default", "compile", "test", "release", "preflight"], root.Keys());
        Assert.Equal(["build", "test", "release"], root.At("stages").Strings());
        Assert.Equal("build", root.At("compile", "stage").Text());
        Assert.Equal("test", root.At("test", "stage").Text());
        Assert.Equal("release", root.At("release", "stage").Text());
    }

    [Fact]
    public void Workflow_runs_no_tag_pipeline_and_no_branch_pipeline_beside_a_merge_request_pipeline()
    {
        var rules = Generated().At("workflow", "rules");

        Assert.Equal("$CI_COMMIT_TAG", rules.At(0, "if").Text());
        Assert.Equal("never", rules.At(0, "when").Text());
        Assert.Equal("$CI_PIPELINE_SOURCE == \"merge_request_event\"", rules.At(1, "if").Text());
        Assert.False(rules.At(1).Has("when"));
        // The default branch runs even while it is the source of an open merge request: its rule comes first.
        Assert.Equal("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", rules.At(2, "if").Text());
        Assert.False(rules.At(2).Has("when"));
        Assert.Equal("$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", rules.At(3, "if").Text());
        Assert.Equal("never", rules.At(3, "when").Text());
        Assert.Equal("$CI_COMMIT_BRANCH", rules.At(4, "if").Text());
    }

    [Fact]
    public void The_manual_preflight_job_runs_the_Preflight_target_on_default_branch_pipelines_with_the_release_ID_token()
    {
        var job = Generated().At("preflight");

        Assert.Equal("./build.sh Preflight", job.At("script", 0).Text());
        Assert.Equal("manual", job.At("rules", 1, "when").Text());
        Assert.Equal("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == \"push\"", job.At("rules", 1, "if").Text());
        Assert.Equal("true", job.At("allow_failure").Text());
        Assert.Equal(Generated().At("release", "id_tokens").ToString(), job.At("id_tokens").ToString());
    }

    [Theory]
    [InlineData("compile")]
    [InlineData("test")]
    [InlineData("release")]
    public void Every_job_first_refuses_tag_pipelines(string job)
    {
        var first = Generated().At(job, "rules", 0);

        Assert.Equal("$CI_COMMIT_TAG", first.At("if").Text());
        Assert.Equal("never", first.At("when").Text());
    }

    [Fact]
    public void Variables_fetch_full_history_and_keep_packages_in_the_cached_project_dir()
    {
        var root = Generated();

        Assert.Equal("0", root.At("variables", "GIT_DEPTH").Text());
        Assert.Equal("$CI_PROJECT_DIR/.nuget/packages", root.At("variables", "NUGET_PACKAGES").Text());
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", root.At("default", "image").Text());
        Assert.Equal(["Directory.Packages.props", "**/*.csproj"], root.At("default", "cache", "key", "files").Strings());
        Assert.Equal([".nuget/packages"], root.At("default", "cache", "paths").Strings());
    }

    [Fact]
    public void Compile_and_test_jobs_run_their_targets_and_are_interruptible()
    {
        var root = Generated();

        Assert.Equal(["./build.sh Compile"], root.At("compile", "script").Strings());
        Assert.Equal(["./build.sh Test --skip Restore Compile"], root.At("test", "script").Strings());
        Assert.Equal("true", root.At("compile", "interruptible").Text());
        Assert.Equal("true", root.At("test", "interruptible").Text());
        Assert.Equal(["compile"], root.At("test", "needs").Strings());
    }

    [Fact]
    public void Test_job_publishes_junit_and_cobertura_reports_and_reads_coverage_from_the_log()
    {
        var test = Generated().At("test");

        Assert.Equal("artifacts/test-results/*.xml", test.At("artifacts", "reports", "junit").Text());
        Assert.Equal("cobertura", test.At("artifacts", "reports", "coverage_report", "coverage_format").Text());
        Assert.Equal("artifacts/coverage/*.cobertura.xml", test.At("artifacts", "reports", "coverage_report", "path").Text());
        Assert.Equal("always", test.At("artifacts", "when").Text());

        var pattern = test.At("coverage").Text();
        Assert.StartsWith("/", pattern);
        Assert.EndsWith("/", pattern);
        var match = System.Text.RegularExpressions.Regex.Match("  Total line coverage: 87.25%", pattern[1..^1]);
        Assert.Equal("87.25", match.Groups[1].Value);
    }

    [Fact]
    public void Release_job_runs_on_default_branch_pushes_only_one_at_a_time_and_uninterrupted()
    {
        var release = Generated().At("release");

        Assert.Equal("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == \"push\"", release.At("rules", 1, "if").Text());
        Assert.Equal(2, ((YamlDotNet.RepresentationModel.YamlSequenceNode)release.At("rules")).Children.Count);
        Assert.Equal("release", release.At("resource_group").Text());
        Assert.Equal("false", release.At("interruptible").Text());
        Assert.Equal("https://gitlab.example.com", release.At("id_tokens", "AWS_ID_TOKEN", "aud").Text());
        Assert.Equal("artifacts/version.env", release.At("artifacts", "reports", "dotenv").Text());
        Assert.Equal(["compile", "test"], release.At("needs").Strings());
    }

    [Fact]
    public void Release_job_installs_an_ssh_client_when_the_image_lacks_one_unless_told_not_to()
    {
        var script = Generated().At("release", "before_script").Strings();
        Assert.Equal([GitLabPipelineSettings.DefaultReleaseBeforeScript], script);
        Assert.StartsWith("test ! -f .nuke/deploy-key.enc || command -v ssh", script[0]);
        Assert.False(Generated().At("test").Has("before_script"));

        var ownImage = Generated(attribute: new GitLabCIAttribute { IdTokenAudience = "https://gitlab.example.com", ReleaseBeforeScript = [] });
        Assert.False(ownImage.At("release").Has("before_script"));
    }

    [Fact]
    public void Release_job_skips_what_the_compile_and_test_jobs_already_ran()
    {
        var script = Generated().At("release", "script").Strings();

        Assert.Equal(["./build.sh Tag --skip Restore Compile Test"], script);
    }

    [Fact]
    public void Release_job_keeps_a_target_that_a_target_running_only_in_it_needs()
    {
        // Version runs only in the release job, from a fresh checkout: the Restore of the earlier jobs is not there.
        var script = Generated(SampleModels.Contract(versionNeedsRestore: true)).At("release", "script").Strings();

        Assert.Equal(["./build.sh Tag --skip Compile Test"], script);
    }

    [Fact]
    public void Release_sources_can_include_web_and_schedule()
    {
        var attribute = new GitLabCIAttribute { ReleasePipelineSources = ["push", "web"] };

        var condition = Generated(attribute: attribute).At("release", "rules", 1, "if").Text();

        Assert.Equal("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && ($CI_PIPELINE_SOURCE == \"push\" || $CI_PIPELINE_SOURCE == \"web\")", condition);
    }

    [Fact]
    public void Target_names_match_case_insensitively_and_are_written_as_the_build_spells_them()
    {
        var attribute = new GitLabCIAttribute { CompileTargets = ["compile"], TestTargets = ["TEST"], ReleaseTargets = ["tag", "push"] };

        var root = Generated(attribute: attribute);

        Assert.Equal(["./build.sh Compile"], root.At("compile", "script").Strings());
        Assert.Equal(["./build.sh Tag Push --skip Restore Compile Test"], root.At("release", "script").Strings());
    }

    [Fact]
    public void A_job_without_targets_is_left_out_and_needs_follow_the_remaining_jobs()
    {
        var root = Generated(attribute: new GitLabCIAttribute { CompileTargets = [] });

        Assert.Equal(["test", "release"], root.At("stages").Strings());
        Assert.False(root.Has("compile"));
        Assert.False(root.At("test").Has("needs"));
        Assert.Equal(["test"], root.At("release", "needs").Strings());
    }

    [Fact]
    public void Unknown_target_fails_with_the_targets_to_choose_from()
    {
        var error = Assert.Throws<BuildException>(() => new GitLabCIAttribute { ReleaseTargets = ["Deploy"] }.Generate(SampleModels.Contract()));

        Assert.Contains("Deploy", error.Message);
        Assert.Contains("Tag", error.Fix);
    }

    [Fact]
    public void More_than_two_cache_key_files_fail_with_the_setting_to_change()
    {
        var error = Assert.Throws<BuildException>(() =>
            new GitLabCIAttribute { CacheKeyFiles = ["a", "b", "c"] }.Generate(SampleModels.Contract()));

        Assert.Contains("CacheKeyFiles", error.Fix);
    }

    [Fact]
    public void Missing_audience_fails_when_there_is_a_release_job()
    {
        var error = Assert.Throws<BuildException>(() => new GitLabCIAttribute { IdTokenAudience = "" }.Generate(SampleModels.Contract()));

        Assert.Contains("IdTokenAudience", error.Fix);
    }

    [Fact]
    public void Dependency_cycle_fails_with_the_cycle()
    {
        var model = new BuildModel("/repo", [SampleModels.Target("Compile", "Test"), SampleModels.Target("Test", "Compile"), SampleModels.Target("Tag", "Test")], []);

        var error = Assert.Throws<BuildException>(() => Attribute.Generate(model));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Generation_is_deterministic_and_independent_of_the_order_the_engine_lists_targets_in()
    {
        var model = SampleModels.Contract();
        var reversed = model with { Targets = model.Targets.Reverse().ToList() };

        var first = Attribute.Generate(model);

        Assert.Equal(first, Attribute.Generate(model));
        Assert.Equal(first, Attribute.Generate(reversed));
    }
}
