using System.Net;
using System.Text;
using Fixtures.GitLab;
using GitLabRelease.GitLabApi;
using Nuke.Common;

namespace Release.Tests.GitLabApi;

/// <summary>The Releases client against the strict GitLab API emulator on 127.0.0.1.</summary>
public sealed class ReleasesClientTests : IDisposable
{
    private const string Token = "glcbt-64_emulated-job-token";
    private readonly HashSet<string> _tags = ["v1.0.0"];
    private readonly GitLabApiEmulator _gitlab;
    private readonly HttpClient _http = new();

    public ReleasesClientTests() => _gitlab = new GitLabApiEmulator("42", "group/project", Token, tag => _tags.Contains(tag));

    private ReleasesClient Client(string token = Token) =>
        new(_http, new GitLabProjectApi(_gitlab.ApiUrl, "42", token), Serilog.Core.Logger.None, ApiRetry.Create(baseDelay: TimeSpan.FromMilliseconds(10)));

    private static ReleaseSpec Spec(string notes = "## Features\n\n- one (0123abcd)\n") => new("v1.0.0", "v1.0.0", notes,
    [
        new ReleaseLink("Acme.Lib 1.0.0", "https://gitlab.example/api/v4/projects/42/packages/nuget/acme.lib/1.0.0", "package"),
    ]);

    [Fact]
    public async Task Creates_the_release_with_notes_and_package_links_and_a_rerun_changes_nothing()
    {
        Assert.Equal(ReleaseOutcome.Created, await Client().EnsureAsync(Spec()));
        var release = _gitlab.Release("v1.0.0")!;
        Assert.Equal("## Features\n\n- one (0123abcd)\n", release["description"]!.GetValue<string>());
        Assert.Equal("package", release["assets"]!["links"]![0]!["link_type"]!.GetValue<string>());
        var writes = _gitlab.Writes;

        Assert.Equal(ReleaseOutcome.Unchanged, await Client().EnsureAsync(Spec()));
        Assert.Equal(writes, _gitlab.Writes);
    }

    [Fact]
    public async Task A_rerun_with_other_notes_or_a_new_link_updates_the_release()
    {
        await Client().EnsureAsync(Spec());
        var spec = Spec("## Bug fixes\n\n- two (4567cdef)\n") is var s
            ? s with { Links = [.. s.Links, new ReleaseLink("Acme.Cli 1.0.0", "https://gitlab.example/p/acme.cli/1.0.0", "package")] }
            : null!;

        Assert.Equal(ReleaseOutcome.Updated, await Client().EnsureAsync(spec));

        var release = _gitlab.Release("v1.0.0")!;
        Assert.Contains("two", release["description"]!.GetValue<string>());
        Assert.Equal(2, release["assets"]!["links"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried()
    {
        _gitlab.FailNext(HttpStatusCode.TooManyRequests, retryAfterSeconds: 0);
        _gitlab.FailNext(HttpStatusCode.ServiceUnavailable, times: 2);

        Assert.Equal(ReleaseOutcome.Created, await Client().EnsureAsync(Spec()));
        Assert.Equal(3, _gitlab.Requests.Count(r => r.Contains("-> 429") || r.Contains("-> 503")));
    }

    [Fact]
    public async Task Lasting_server_errors_fail_with_the_cause_after_the_retries()
    {
        _gitlab.FailNext(HttpStatusCode.BadGateway, times: 10);

        var error = await Assert.ThrowsAsync<BuildException>(() => Client().EnsureAsync(Spec()));

        Assert.Contains("502", error.Message);
        Assert.Contains("after retries", error.Message);
        Assert.Equal(5, _gitlab.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_cause_and_fix_and_never_shown()
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => Client("wrong-token-value").EnsureAsync(Spec()));

        Assert.Contains("401", error.Message);
        Assert.Contains("job token", error.Message);
        Assert.NotNull(error.Fix);
        Assert.DoesNotContain("wrong-token-value", error.ToString());
        Assert.Null(_gitlab.Release("v1.0.0"));
        Assert.DoesNotContain(Token, new GitLabProjectApi(_gitlab.ApiUrl, "42", Token).ToString());
    }

    [Fact]
    public async Task A_forbidden_answer_names_the_role_and_protected_tags()
    {
        _gitlab.FailNext(HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<BuildException>(() => Client().EnsureAsync(Spec()));

        Assert.Contains("403", error.Message);
        Assert.Contains("Developer", error.Fix);
        Assert.Contains("Protected tags", error.Fix);
    }

    [Fact]
    public async Task Another_project_is_not_found_with_the_fix()
    {
        var client = new ReleasesClient(_http, new GitLabProjectApi(_gitlab.ApiUrl, "43", Token), Serilog.Core.Logger.None);

        var error = await Assert.ThrowsAsync<BuildException>(() => client.EnsureAsync(Spec()));

        Assert.Contains("404 Project Not Found", error.Message);
        Assert.Contains("CI_PROJECT_ID", error.Fix);
    }

    [Fact]
    public async Task A_release_for_a_tag_not_on_GitLab_is_refused()
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => Client().EnsureAsync(Spec() with { TagName = "v9.9.9" }));

        Assert.Contains("422", error.Message);
        Assert.Contains("Ref is not specified", error.Message);
    }

    // The emulator itself: the checks the client relies on can fail.
    [Fact]
    public async Task The_emulator_rejects_a_wrong_token_a_duplicate_release_and_a_malformed_request()
    {
        async Task<(HttpStatusCode, string)> Post(string token, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gitlab.ApiUrl + "/projects/42/releases"));
            request.Headers.Add("JOB-TOKEN", token);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal((HttpStatusCode.Unauthorized, "{\"message\":\"401 Unauthorized\"}"), await Post("nope", "{\"tag_name\":\"v1.0.0\"}"));
        Assert.Equal(HttpStatusCode.Created, (await Post(Token, "{\"tag_name\":\"v1.0.0\",\"description\":\"x\"}")).Item1);
        Assert.Equal((HttpStatusCode.Conflict, "{\"message\":\"Release already exists\"}"), await Post(Token, "{\"tag_name\":\"v1.0.0\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(Token, "{\"tag_name\":")).Item1);
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"tag_name is missing\"}"), await Post(Token, "{\"name\":\"x\"}"));
        _tags.Add("v1.0.0-b");
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Post(Token, "{\"tag_name\":\"v1.0.0-b\",\"assets\":{\"links\":[{\"name\":\"a\",\"url\":\"https://x/a\",\"link_type\":\"binary\"}]}}")).Item1);
    }

    public void Dispose()
    {
        _gitlab.Dispose();
        _http.Dispose();
    }
}
