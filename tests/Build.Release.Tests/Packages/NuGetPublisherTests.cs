using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fixtures.Git;
using Fixtures.GitLab;
using GitLabRelease.GitLabApi;
using GitLabRelease.Packages;
using Nuke.Common;
using Nuke.Common.Output;
using Nuke.Common.Tooling;

namespace Release.Tests.Packages;

/// <summary>The publisher with the real dotnet nuget push against the strict GitLab NuGet registry emulator on 127.0.0.1.</summary>
public sealed class NuGetPublisherTests : IDisposable
{
    // Made at run time: a literal would also be found in every copy of this repository's sources under the scratch parent.
    private static readonly string Token = "glcbt-64_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
    private readonly GitLabApiEmulator _gitlab = new("42", "group/project", Token, _ => true);
    private readonly HttpClient _http = new();
    private readonly LogCapture _log = new();
    private readonly string _work = GitRepo.NewTempDirectory("publish");
    private readonly string _scratchParent = GitRepo.NewTempDirectory("publish-scratch");
    private readonly RunScratch _scratch;

    public NuGetPublisherTests() => _scratch = RunScratch.Create([_scratchParent], null);

    private string[] TwoPackages() =>
        [NuGetPackages.Write(_work, "Acme.Lib", "1.2.3"), NuGetPackages.Write(_work, "Acme.Cli", "1.2.3")];

    private NuGetPublisher Publisher(string? apiToken = null) =>
        new(new ToolRunner(_log.Logger, new ChildEnvironment(new SecretMasker(), () => _scratch)), _log.Logger,
            new PackageRegistryClient(_http, new GitLabProjectApi(_gitlab.ApiUrl, "42", apiToken ?? Token), ApiRetry.Create(baseDelay: TimeSpan.FromMilliseconds(10))))
        {
            Delay = TimeSpan.FromMilliseconds(10),
        };

    private NuGetFeed Feed(string? password = null) => NuGetFeed.GitLabProject(_gitlab.ApiUrl, "42", password ?? Token);

    [Fact]
    public async Task Uploads_each_package_once_a_rerun_uploads_nothing_and_both_give_the_package_pages()
    {
        _gitlab.FailNext(HttpStatusCode.ServiceUnavailable); // the first look-up is retried

        var first = await Publisher().PublishAsync(TwoPackages(), Feed());

        Assert.All(first, p => Assert.True(p.Uploaded));
        Assert.Equal(2, _gitlab.Uploads);
        Assert.Equal(["Acme.Cli 1.2.3", "Acme.Lib 1.2.3"], _gitlab.Packages.Select(p => $"{p.Name} {p.Version}").Order());
        Assert.All(_gitlab.Packages, p => Assert.Single(p.Files));
        var lib = _gitlab.Packages.Single(p => p.Name == "Acme.Lib");
        Assert.Equal(new Uri(_gitlab.ApiUrl, _gitlab.ProjectWebPath(lib.Id)), first.Single(p => p.File.Id == "Acme.Lib").Registry.WebUrl);
        Assert.Equal("package", first[0].ReleaseLink.LinkType);

        var second = await Publisher().PublishAsync(TwoPackages(), Feed());

        Assert.All(second, p => Assert.False(p.Uploaded));
        Assert.Equal(2, _gitlab.Uploads);
        Assert.Equal(first.Select(p => p.ReleaseLink), second.Select(p => p.ReleaseLink));
        Assert.Contains("already in the package registry", _log.Text);
        AssertNoTokenLeft();
    }

    [Fact]
    public async Task The_token_reaches_dotnet_only_through_the_temporary_config_which_is_removed()
    {
        await Publisher().PublishAsync([NuGetPackages.Write(_work, "Acme.Lib", "2.0.0")], Feed());

        Assert.Equal(1, _gitlab.Uploads); // the emulator took the Basic credentials from the config
        var push = Assert.Single(_log.Lines, l => l.Contains("nuget push", StringComparison.Ordinal) && l.Contains("> ", StringComparison.Ordinal));
        Assert.Contains("--configfile", push);
        Assert.Contains(_scratch.Path, push);
        Assert.DoesNotContain("--api-key", push);
        AssertNoTokenLeft();
    }

    [Fact]
    public async Task An_upload_GitLab_fails_with_a_5xx_is_retried_and_stored_once()
    {
        _gitlab.FailNextUpload(HttpStatusCode.BadGateway);

        var published = await Publisher().PublishAsync([NuGetPackages.Write(_work, "Acme.Lib", "4.0.0")], Feed());

        Assert.True(Assert.Single(published).Uploaded);
        Assert.Single(Assert.Single(_gitlab.Packages).Files);
        Assert.Contains(_gitlab.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.EndsWith("-> 502", StringComparison.Ordinal));
        AssertNoTokenLeft();
    }

    [Fact]
    public async Task A_refused_job_token_names_the_cause_and_uploads_nothing()
    {
        var lookup = await Assert.ThrowsAsync<BuildException>(() => Publisher(apiToken: "glcbt-64_wrong").PublishAsync(TwoPackages(), Feed()));
        Assert.Contains("401", lookup.Message);
        Assert.Contains("CI_JOB_TOKEN", lookup.Fix);

        // The upload's own refusal (Basic auth of the config) is mapped the same way.
        var push = await Assert.ThrowsAsync<BuildException>(() => Publisher().PublishAsync(TwoPackages(), Feed(password: "glcbt-64_wrong")));
        Assert.Contains("401", push.Message);
        Assert.Contains("upload", push.Message);
        Assert.Equal(0, _gitlab.Uploads);
        Assert.Empty(_gitlab.Packages);
        AssertNoTokenLeft();
    }

    [Fact]
    public async Task A_project_whose_package_registry_is_off_gets_the_setting_in_the_fix()
    {
        _gitlab.PackageRegistryEnabled = false;

        var error = await Assert.ThrowsAsync<BuildException>(() => Publisher().PublishAsync(TwoPackages(), Feed()));

        Assert.Contains("403", error.Message);
        Assert.Contains("Settings > General > Visibility, project features, permissions > Package registry", error.Fix);
        Assert.Empty(_gitlab.Packages);
    }

    [Fact]
    public async Task A_plain_http_feed_that_is_not_this_machine_is_refused_before_anything_is_sent()
    {
        var feed = new NuGetFeed(new Uri("http://gitlab.example.test/api/v4/projects/42/packages/nuget/index.json"), "gitlab-ci-token", Token);

        var error = await Assert.ThrowsAsync<BuildException>(() => Publisher().PublishAsync(TwoPackages(), feed));

        Assert.Contains("not HTTPS", error.Message);
        Assert.Empty(_gitlab.Requests);
    }

    // The emulator's checks can fail: what the publisher avoids is what GitLab would do.
    [Fact]
    public async Task The_emulated_registry_wants_Basic_auth_with_the_job_token_and_stores_duplicates_as_GitLab_does()
    {
        var package = await File.ReadAllBytesAsync(NuGetPackages.Write(_work, "Acme.Lib", "3.0.0"));
        var upload = new Uri($"{_gitlab.ApiUrl.AbsoluteUri.TrimEnd('/')}/projects/42/packages/nuget");
        HttpRequestMessage Put(byte[] bytes, Action<HttpRequestMessage> authenticate)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "package", "package.nupkg" } };
            var request = new HttpRequestMessage(HttpMethod.Put, upload) { Content = form };
            authenticate(request);
            return request;
        }
        void Basic(HttpRequestMessage r, string user, string password) =>
            r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var anonymous = await _http.SendAsync(Put(package, _ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic realm=\"GitLab Packages Registry\"", anonymous.Headers.WwwAuthenticate.ToString());
        using var header = await _http.SendAsync(Put(package, r => r.Headers.Add("JOB-TOKEN", Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, header.StatusCode);
        using var otherUser = await _http.SendAsync(Put(package, r => Basic(r, "someone", Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, otherUser.StatusCode);
        using var notAPackage = await _http.SendAsync(Put(Encoding.UTF8.GetBytes("not a zip"), r => Basic(r, "gitlab-ci-token", Token)));
        Assert.Equal(HttpStatusCode.BadRequest, notAPackage.StatusCode);

        using var first = await _http.SendAsync(Put(package, r => Basic(r, "gitlab-ci-token", Token)));
        using var again = await _http.SendAsync(Put(package, r => Basic(r, "gitlab-ci-token", Token)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2, Assert.Single(_gitlab.Packages).Files.Count);

        using var list = new HttpRequestMessage(HttpMethod.Get, new Uri($"{_gitlab.ApiUrl.AbsoluteUri.TrimEnd('/')}/projects/42/packages?package_type=nuget&package_name=Acme&package_version=3.0.0"));
        using var noToken = await _http.SendAsync(list);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    private void AssertNoTokenLeft()
    {
        Assert.DoesNotContain(Token, _log.Text);
        Assert.Empty(Fixtures.SecretScan.FilesContaining([Token], _scratchParent));
        Assert.Empty(Directory.EnumerateDirectories(_scratch.Path, "nuget-*")); // the temporary config and its directory are gone
    }

    public void Dispose()
    {
        _scratch.Dispose();
        _gitlab.Dispose();
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_scratchParent, recursive: true);
    }
}
