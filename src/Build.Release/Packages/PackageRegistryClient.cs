using System.Net;
using System.Net.Http.Json;
using GitLabRelease.GitLabApi;
using Nuke.Common;
using Polly;

namespace GitLabRelease.Packages;

/// <summary>
/// Finds a NuGet package in a project's package registry through GitLab's Packages API
/// (<c>GET /projects/:id/packages?package_type=nuget&amp;package_name=X&amp;package_version=Y</c>, GitLab ≥ 16.6),
/// which accepts the job token in the JOB-TOKEN header (GitLab ≥ 15.3) and answers with the package's page.
/// </summary>
public sealed class PackageRegistryClient(HttpClient http, GitLabProjectApi api, ResiliencePipeline<HttpResponseMessage>? retry = null)
{
    private readonly ResiliencePipeline<HttpResponseMessage> _retry = retry ?? ApiRetry.Create();

    /// <summary>The package at exactly this id (case-insensitive, as NuGet ids are) and version, or null.</summary>
    public async Task<RegistryPackage?> FindAsync(string id, string version, CancellationToken cancellationToken = default)
    {
        // package_name is a fuzzy match: ask for a page of candidates and keep the exact one.
        var url = api.ProjectUrl($"packages?package_type=nuget&package_name={Uri.EscapeDataString(id)}&package_version={Uri.EscapeDataString(version)}&per_page=100");
        using var response = await SendAsync(url, cancellationToken);
        await EnsureSuccessAsync(response, $"look up {id} {version} in the package registry", cancellationToken);
        var packages = await response.Content.ReadFromJsonAsync<List<PackageJson>>(ReleasesClient.Json, cancellationToken) ?? [];
        // A package whose processing failed ("error") is listed but holds nothing usable: it is uploaded again.
        var match = packages.FirstOrDefault(p => string.Equals(p.Name, id, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Version, version, StringComparison.OrdinalIgnoreCase) && p.Status is null or "default" or "deprecated");
        if (match is null) return null;
        var webPath = match.Links?.WebPath ?? throw new BuildException(
            $"GitLab listed {id} {version} without the path of its page.", $"Check that {CiVariables.ApiUrl} points at GitLab's API.");
        // web_path is absolute on the instance (it includes a relative URL root): resolve it against the API's origin.
        return new RegistryPackage(match.Id, match.Name, match.Version, new Uri(api.ApiUrl, webPath));
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("JOB-TOKEN", api.JobToken);
                return await http.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"GitLab's API at {api.ApiUrl} could not be reached: {e.Message}",
                $"Check that the runner can reach GitLab over HTTPS and that {CiVariables.ApiUrl} is right.", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var message = await ReleasesClient.MessageAsync(response, cancellationToken);
        throw PublishErrors.For((int)response.StatusCode, message, action);
    }

    internal sealed record PackageJson(long Id, string Name, string Version, string? Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("_links")] LinksJson? Links);

    internal sealed record LinksJson(string? WebPath);
}
