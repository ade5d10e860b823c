using Fixtures;
using Xunit.Abstractions;

namespace GitLabCI.Tests;

/// <summary>
/// The generated file as gitlab-ci-local sees it: validated against GitLab's JSON schema (on by default) and with
/// job rules evaluated for each kind of pipeline. gitlab-ci-local ignores workflow:rules' when: never, so these
/// tests show the jobs' own rules hold.
/// </summary>
public class GitLabCiLocalTests(GitLabCiLocalRepository repo, ITestOutputHelper output) : IClassFixture<GitLabCiLocalRepository>
{
    private void RequireTool()
    {
        if (repo.Tool is null)
            throw MissingTool.Skip($"gitlab-ci-local not found (looked at {repo.Searched}); install it with tests/tools/install-gitlab-ci-local.sh.");
    }

    private IReadOnlyList<string> ActiveJobs(string scenario)
    {
        var result = repo.Result(scenario);
        output.WriteLine(result.StandardError);
        Assert.True(result.Succeeded, $"gitlab-ci-local exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Equal(["compile", "test", "release", "preflight"], GitLabCiLocal.AllJobs(result.StandardOutput));
        return GitLabCiLocal.ActiveJobs(result.StandardOutput);
    }

    [SkippableFact]
    public void Generated_file_passes_GitLab_schema_validation()
    {
        RequireTool();

        var result = repo.Result("default-branch-push");

        Assert.True(result.Succeeded, $"gitlab-ci-local exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Contains("json schema validated", result.StandardError);
    }

    [SkippableFact]
    public void A_sharded_file_passes_GitLab_schema_validation_and_collects_the_copies_durations_in_every_branch_pipeline()
    {
        RequireTool();

        var result = repo.Result("sharded");

        Assert.True(result.Succeeded, $"gitlab-ci-local exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Contains("json schema validated", result.StandardError);
        Assert.Equal(["compile", "test: [1/2]", "test: [2/2]", "test-durations", "release", "preflight"], GitLabCiLocal.AllJobs(result.StandardOutput));
        Assert.Contains("test-durations", GitLabCiLocal.ActiveJobs(result.StandardOutput));
    }

    [SkippableFact]
    public void Schema_validation_catches_an_invalid_file()
    {
        RequireTool();
        // Proves the validation above can fail: the same file with one value of the wrong type.
        Assert.NotEqual(repo.Yaml, File.ReadAllText(Path.Combine(repo.Main, GitLabCiLocalRepository.InvalidFile)));

        var result = repo.Result("invalid-file");

        Assert.False(result.Succeeded);
        Assert.Contains("interruptible", result.StandardError);
    }

    [SkippableFact]
    public void Default_branch_push_runs_compile_test_and_release()
    {
        RequireTool();

        Assert.Equal(["compile", "test", "release", "preflight"], ActiveJobs("default-branch-push"));
    }

    [SkippableFact]
    public void Feature_branch_push_does_not_release()
    {
        RequireTool();

        Assert.Equal(["compile", "test"], ActiveJobs("feature-branch-push"));
    }

    [SkippableFact]
    public void Merge_request_pipeline_does_not_release_even_from_the_default_branch()
    {
        RequireTool();

        Assert.Equal(["compile", "test"], ActiveJobs("merge-request"));
    }

    [SkippableFact]
    public void Scheduled_pipeline_on_the_default_branch_does_not_release()
    {
        RequireTool();

        Assert.Equal(["compile", "test"], ActiveJobs("schedule"));
    }

    [SkippableFact]
    public void Tag_pipeline_runs_no_job_at_all()
    {
        RequireTool();

        Assert.Empty(ActiveJobs("tag"));
    }
}
