using Nuke.Common;

namespace GitLabCI.Tests;

public class GitLabVariablesTests
{
    private static GitLabVariables From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return GitLabVariables.From(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Reads_every_variable_it_names()
    {
        var v = From(("GITLAB_CI", "true"), ("CI_COMMIT_TAG", "v1.2.3"), ("CI_COMMIT_BRANCH", "main"), ("CI_DEFAULT_BRANCH", "main"),
            ("CI_COMMIT_REF_NAME", "main"), ("CI_COMMIT_SHA", "abc123"), ("CI_PIPELINE_SOURCE", "push"), ("CI_PIPELINE_ID", "42"),
            ("CI_PROJECT_PATH", "group/app"), ("CI_SERVER_HOST", "gitlab.example.com"), ("CI_SERVER_SHELL_SSH_HOST", "ssh.example.com"),
            ("CI_SERVER_SHELL_SSH_PORT", "2222"), ("GITLAB_USER_NAME", "Ada"), ("GITLAB_USER_EMAIL", "ada@example.com"),
            ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature"), ("CI_MERGE_REQUEST_IID", "7"));

        Assert.Equal(new GitLabVariables
        {
            IsGitLabCi = true, CommitTag = "v1.2.3", CommitBranch = "main", DefaultBranch = "main", CommitRefName = "main",
            CommitSha = "abc123", PipelineSource = "push", PipelineId = "42", ProjectPath = "group/app",
            ServerHost = "gitlab.example.com", ServerShellSshHost = "ssh.example.com", ServerShellSshPort = 2222,
            UserName = "Ada", UserEmail = "ada@example.com", MergeRequestSourceBranchName = "feature", MergeRequestIid = "7",
        }, v);
    }

    [Fact]
    public void Reads_the_API_variables_a_Release_needs_and_never_prints_the_job_token()
    {
        const string token = "glcbt-64_e2eJobTokenValue";
        var v = From(("CI_API_V4_URL", "https://gitlab.example.com/api/v4"), ("CI_PROJECT_ID", "42"), ("CI_JOB_TOKEN", token),
            ("CI_SERVER_URL", "https://gitlab.example.com"));

        Assert.Equal("https://gitlab.example.com/api/v4", v.ApiV4Url);
        Assert.Equal("42", v.ProjectId);
        Assert.Equal(token, v.JobToken);
        Assert.Equal("https://gitlab.example.com", v.ServerUrl);
        Assert.DoesNotContain(token, v.ToString());
        Assert.Contains("JobToken = set", v.ToString());
        Assert.Empty(v.MissingApiVariables);
        Assert.Equal("CI_API_V4_URL=https://gitlab.example.com/api/v4, CI_PROJECT_ID=42", v.ApiSettings);
        Assert.Equal(["CI_API_V4_URL", "CI_JOB_TOKEN"], From(("CI_PROJECT_ID", "42"), ("CI_JOB_TOKEN", "")).MissingApiVariables);
    }

    [Fact]
    public void Empty_values_count_as_unset()
    {
        var v = From(("CI_COMMIT_TAG", ""), ("GITLAB_CI", ""));

        Assert.Null(v.CommitTag);
        Assert.False(v.IsGitLabCi);
        Assert.False(v.IsTagPipeline);
        Assert.Null(v.TagPipelineSkipReason);
    }

    [Fact]
    public void Tag_pipeline_gives_the_skip_reason_with_the_tag()
    {
        var v = From(("GITLAB_CI", "true"), ("CI_COMMIT_TAG", "v1.2.3"), ("CI_PIPELINE_SOURCE", "push"));

        Assert.True(v.IsTagPipeline);
        Assert.Equal("tag pipeline (CI_COMMIT_TAG=v1.2.3)", v.TagPipelineSkipReason);
        Assert.False(v.IsDefaultBranchPipeline);
    }

    [Theory]
    [InlineData("push", "main", null, true)]
    [InlineData("web", "main", null, true)]
    [InlineData("schedule", "main", null, true)]
    [InlineData("api", "main", null, false)]
    [InlineData("trigger", "main", null, false)]
    [InlineData("push", "feature/x", null, false)]
    [InlineData("merge_request_event", "main", "3", false)]
    [InlineData("push", null, null, false)]
    public void Default_branch_pipeline_is_a_push_web_or_schedule_on_the_default_branch(string source, string? branch, string? mergeRequest, bool expected)
    {
        var variables = new List<(string, string)> { ("CI_PIPELINE_SOURCE", source), ("CI_DEFAULT_BRANCH", "main") };
        if (branch is not null) variables.Add(("CI_COMMIT_BRANCH", branch));
        if (mergeRequest is not null) variables.Add(("CI_MERGE_REQUEST_IID", mergeRequest));

        Assert.Equal(expected, From([.. variables]).IsDefaultBranchPipeline);
    }

    [Fact]
    public void Merge_request_pipeline_is_recognised_by_source_or_iid()
    {
        Assert.True(From(("CI_PIPELINE_SOURCE", "merge_request_event")).IsMergeRequestPipeline);
        Assert.True(From(("CI_MERGE_REQUEST_IID", "12")).IsMergeRequestPipeline);
        Assert.False(From(("CI_PIPELINE_SOURCE", "push")).IsMergeRequestPipeline);
    }

    [Fact]
    public void Bad_ssh_port_fails_with_the_variable_to_fix()
    {
        var error = Assert.Throws<BuildException>(() => From(("CI_SERVER_SHELL_SSH_PORT", "ssh")));

        Assert.Contains("CI_SERVER_SHELL_SSH_PORT", error.Fix);
    }

    [Fact]
    public void The_ssh_host_is_GitLab_Shells_own_when_set_else_the_web_host()
    {
        Assert.Equal("gitlab.example.com", From(("CI_SERVER_HOST", "gitlab.example.com")).SshHost);
        Assert.Equal("ssh.example.com", From(("CI_SERVER_HOST", "gitlab.example.com"), ("CI_SERVER_SHELL_SSH_HOST", "ssh.example.com")).SshHost);
        Assert.Null(From().SshHost);
    }

    [Fact]
    public void The_host_describes_the_pipeline_from_GitLabs_variables()
    {
        var host = new GitLabHost();
        var variables = new Dictionary<string, string>
        {
            ["CI_COMMIT_SHA"] = "abc123", ["CI_COMMIT_REF_NAME"] = "feature/pay", ["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = "feature/pay",
            ["CI_DEFAULT_BRANCH"] = "trunk", ["CI_PROJECT_PATH"] = "group/app", ["CI_PIPELINE_ID"] = "77",
        };

        var pipeline = host.GetPipeline(name => variables.GetValueOrDefault(name));

        Assert.Equal(new Nuke.Common.Hosts.PipelineInfo
        {
            CommitSha = "abc123", Branch = "feature/pay", MergeRequestSourceBranch = "feature/pay", DefaultBranch = "trunk",
            ProjectPath = "group/app", PipelineId = "77",
        }, pipeline);
        variables["CI_COMMIT_TAG"] = "v1.2.3";
        Assert.Equal(("v1.2.3", (string?)null), (host.GetPipeline(name => variables.GetValueOrDefault(name)).Tag, host.GetPipeline(name => variables.GetValueOrDefault(name)).Branch));
    }
}
