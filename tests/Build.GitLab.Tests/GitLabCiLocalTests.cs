using Xunit.Abstractions;

namespace GitLabCI.Tests;

/// <summary>
/// The generated file as gitlab-ci-local sees it: validated against GitLab's JSON schema (on by default) and with
/// job rules evaluated for each kind of pipeline. gitlab-ci-local ignores workflow:rules' when: never, so these
/// tests show the jobs' own rules hold.
/// </summary>
public class GitLabCiLocalTests(GitLabCiLocalRepository repo, ITestOutputHelper output) : IClassFixture<GitLabCiLocalRepository>
{
    private bool ToolAvailable()
    {
        if (repo.Tool is not null) return true;
        var reason = $"gitlab-ci-local not found (looked at {repo.Searched}); install it with tests/tools/install-gitlab-ci-local.sh.";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason);
        output.WriteLine("SKIPPED: " + reason);
        return false;
    }

    private IReadOnlyList<string> ActiveJobs(string scenario)
    {
        var result = repo.Result(scenario);
        output.WriteLine(result.StandardError);
        Assert.True(result.Succeeded, $"gitlab-ci-local exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Equal(["compile", "test", "release", "preflight"], GitLabCiLocal.AllJobs(result.StandardOutput));
        return GitLabCiLocal.ActiveJobs(result.StandardOutput);
    }

    [Fact]
    public void Generated_file_passes_GitLab_schema_validation()
    {
        if (!ToolAvailable()) return;

        var result = repo.Result("default-branch-push");

        Assert.True(result.Succeeded, $"gitlab-ci-local exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Contains("json schema validated", result.StandardError);
    }

    [Fact]
    public void Schema_validation_catches_an_invalid_file()
    {
        if (!ToolAvailable()) return;
        // Proves the validation above can fail: the same file with one value of the wrong type.
        Assert.NotEqual(repo.Yaml, File.ReadAllText(Path.Combine(repo.Main, GitLabCiLocalRepository.InvalidFile)));

        var result = repo.Result("invalid-file");

        Assert.False(result.Succeeded);
        Assert.Contains("interruptible", result.StandardError);
    }

    [Fact]
    public void Default_branch_push_runs_compile_test_and_release()
    {
        if (!ToolAvailable()) return;

        Assert.Equal(["compile", "test", "release", "preflight"], ActiveJobs("default-branch-push"));
    }

    [Fact]
    public void Feature_branch_push_does_not_release()
    {
        if (!ToolAvailable()) return;

        Assert.Equal(["compile", "test"], ActiveJobs("feature-branch-push"));
    }

    [Fact]
    public void Merge_request_pipeline_does_not_release_even_from_the_default_branch()
    {
        if (!ToolAvailable()) return;

        Assert.Equal(["compile", "test"], ActiveJobs("merge-request"));
    }

    [Fact]
    public void Scheduled_pipeline_on_the_default_branch_does_not_release()
    {
        if (!ToolAvailable()) return;

        Assert.Equal(["compile", "test"], ActiveJobs("schedule"));
    }

    [Fact]
    public void Tag_pipeline_runs_no_job_at_all()
    {
        if (!ToolAvailable()) return;

        Assert.Empty(ActiveJobs("tag"));
    }
}
