using Fixtures.Git;
using Fixtures.GitLab;
using GitLabRelease.Git;
using Nuke.Common;
using Nuke.Common.Output;
using Nuke.Common.Tooling;

namespace Release.Tests.Git;

/// <summary>The strict smart-HTTP peer, shared by the job-token tests of one class (one listener, many projects).</summary>
public sealed class GitHttpFixture : IDisposable
{
    private int _projects;

    public string JobToken { get; } = "glcbt-64_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public GitHttpServer Server { get; }

    public GitHttpFixture() => Server = new GitHttpServer(JobToken);

    public string NewProject(bool allowJobTokenPush = true)
    {
        var project = $"group/http{Interlocked.Increment(ref _projects)}";
        Server.CreateProject(project, allowJobTokenPush);
        return project;
    }

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// Job-token pushes over smart HTTP against git's own http-backend behind GitLab's checks: the tag lands with
/// ci.skip, each refusal GitLab makes gives its cause and fix, and the token is in no argument, URL or log line.
/// </summary>
public sealed class JobTokenPushTests(GitHttpFixture fixture) : IClassFixture<GitHttpFixture>, IDisposable
{
    private readonly LogCapture _log = new();
    private readonly SecretMasker _secrets = new();
    private readonly List<IDisposable> _cleanup = [];

    private GitHttpServer Server => fixture.Server;

    private GitRepo NewRepository(string tag)
    {
        var repository = Repositories.WithOneCommit();
        _cleanup.Add(repository);
        repository.Git("tag", "-a", "-m", "Release " + tag.TrimStart('v'), tag);
        return repository;
    }

    private ToolRunner Runner() => new(_log.Logger, new ChildEnvironment(_secrets));

    private PushRequest Request(GitRepo repository, string tag, string project, string? token = null, string? user = "release-tester") =>
        new(repository.Path, tag, new JobTokenTransport(new Uri(Server.RepositoryUrl(project)), token ?? fixture.JobToken) { TriggeringUser = user })
        {
            Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(50)),
        };

    private Task<PushResult> PushAsync(PushRequest request) => new TagPusher(Runner(), _log.Logger).PushAsync(request);

    [Fact]
    public async Task The_tag_lands_with_ci_skip_a_rerun_is_a_no_op_and_the_token_is_in_no_argument_URL_or_log_line()
    {
        var project = fixture.NewProject();
        var repository = NewRepository("v1.0.0");

        var pushed = await PushAsync(Request(repository, "v1.0.0", project));
        var again = await PushAsync(Request(repository, "v1.0.0", project));

        Assert.Equal(PushOutcome.Pushed, pushed.Outcome);
        Assert.Equal(PushOutcome.AlreadyOnRemote, again.Outcome);
        Assert.Equal(repository.Head, Server.TagCommit(project, "v1.0.0"));
        Assert.Equal(["v1.0.0"], Server.Tags(project));
        Assert.Equal(["ci.skip"], Server.PushOptions(project));
        Assert.Contains(Server.Requests, r => r == $"POST /{project}.git/git-receive-pack -> 200");

        // The argument lines the runner logs, git's output, the URLs and headers the server saw: no token, no header value.
        var forms = new[] { fixture.JobToken, JobTokenCredential.BasicValue(fixture.JobToken) };
        Assert.Contains(_log.Lines, l => l.Contains("push --no-verify", StringComparison.Ordinal) && l.Contains(Server.RepositoryUrl(project), StringComparison.Ordinal));
        Assert.All(forms, f => Assert.DoesNotContain(f, _log.Text, StringComparison.Ordinal));
        Assert.All(Server.RequestTexts, text => Assert.All(forms, f => Assert.DoesNotContain(f, text, StringComparison.Ordinal)));
        Assert.Contains(Server.RequestTexts, text => text.Contains("Authorization: (set)", StringComparison.Ordinal));
        // ...and whatever prints the header or its base64 form is masked.
        Assert.Equal(SecretMasker.Redacted, _secrets.Mask(JobTokenCredential.AuthorizationHeader(fixture.JobToken)));
        Assert.DoesNotContain(JobTokenCredential.BasicValue(fixture.JobToken), _secrets.Mask("Basic " + JobTokenCredential.BasicValue(fixture.JobToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_project_setting_off_GitLab_answers_403_and_the_error_names_the_setting_and_the_version()
    {
        var project = fixture.NewProject(allowJobTokenPush: false);
        var repository = NewRepository("v1.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v1.0.0", project)));

        Assert.Contains($"GET /{project}.git/info/refs?service=git-receive-pack -> 403", Server.Requests);
        Assert.Contains(GitHttpServer.PushNotAllowedMessage, _log.Text);
        Assert.Contains("Settings > CI/CD > Job token permissions > \"Allow Git push requests to the repository\"", error.Fix);
        Assert.Contains("GitLab 18.4", error.Fix);
        Assert.Contains("403", error.Message);
        Assert.Empty(Server.Tags(project));
    }

    [Fact]
    public async Task A_protected_tag_is_declined_by_GitLab_pre_receive_check_and_the_error_names_the_triggering_user_and_the_setting()
    {
        var project = fixture.NewProject();
        Server.ProtectTags(project, "v*");
        var repository = NewRepository("v2.0.0");

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v2.0.0", project, user: "jane.doe")));

        Assert.Contains(GitHttpServer.ProtectedTagMessage, _log.Text);
        Assert.Contains("jane.doe", error.Message);
        Assert.Contains("jane.doe", error.Fix);
        Assert.Contains("Settings > Repository > Protected tags", error.Fix);
        Assert.Empty(Server.Tags(project));
    }

    [Fact]
    public async Task A_wrong_token_gets_GitLab_401_and_the_error_says_the_job_token_is_invalid_or_expired_without_asking_a_credential_helper()
    {
        var project = fixture.NewProject();
        var repository = NewRepository("v1.0.0");
        // A runner's credential helper (here in the repository's own configuration) would hand git other credentials.
        var marker = Path.Combine(repository.Path, "..", Path.GetFileName(repository.Path) + "-helper-ran");
        var helper = Path.Combine(repository.Path, ".git", "helper.sh");
        File.WriteAllText(helper, $"#!/bin/sh\ntouch '{marker}'\necho username=someone\necho password=other-secret\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repository.Git("config", "credential.helper", helper);
        var wrong = "glcbt-64_" + new string('0', 32);

        var error = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v1.0.0", project, token: wrong)));

        Assert.Contains($"GET /{project}.git/info/refs?service=git-receive-pack -> 401", Server.Requests);
        Assert.Contains("invalid or expired", error.Message);
        Assert.Contains("CI_JOB_TOKEN", error.Fix);
        Assert.False(File.Exists(marker), "git asked the repository's credential helper");
        Assert.Empty(Server.Tags(project));
        Assert.DoesNotContain(wrong, _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_URL_rewritten_by_the_repository_configuration_to_another_server_does_not_get_the_token()
    {
        var project = fixture.NewProject();
        using var other = new GitHttpServer(fixture.JobToken);
        other.CreateProject(project);
        var repository = NewRepository("v1.0.0");
        repository.Git("config", $"url.{other.ServerUrl}/.insteadOf", Server.ServerUrl + "/");

        await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(repository, "v1.0.0", project)));

        Assert.NotEmpty(other.RequestTexts);
        Assert.All(other.RequestTexts, text => Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(other.Tags(project));
        Assert.Empty(Server.Tags(project));
    }

    [Theory]
    [InlineData("http://gitlab.example.com", "group/project")]
    [InlineData("ftp://gitlab.example.com", "group/project")]
    [InlineData("https://user:pw@gitlab.example.com", "group/project")]
    [InlineData("https://gitlab.example.com", "group/../other")]
    [InlineData("https://gitlab.example.com", "")]
    [InlineData(null, "group/project")]
    public void The_token_is_sent_only_over_https_to_the_project_URL(string? serverUrl, string projectPath) =>
        Assert.Throws<BuildException>(() => GitLabHttpRepositoryUrl.Build(serverUrl, projectPath));

    [Theory]
    [InlineData("https://gitlab.example.com", "group/project", "https://gitlab.example.com/group/project.git")]
    [InlineData("https://gitlab.example.com:8443/", "/group/sub/project/", "https://gitlab.example.com:8443/group/sub/project.git")]
    [InlineData("https://gitlab.example.com/gitlab", "group/project", "https://gitlab.example.com/gitlab/group/project.git")]
    [InlineData("http://127.0.0.1:8080", "group/project", "http://127.0.0.1:8080/group/project.git")]
    public void The_repository_URL_is_the_server_URL_and_the_project_path(string serverUrl, string projectPath, string expected) =>
        Assert.Equal(expected, GitLabHttpRepositoryUrl.Build(serverUrl, projectPath).AbsoluteUri);

    public void Dispose()
    {
        foreach (var item in _cleanup) item.Dispose();
    }
}
