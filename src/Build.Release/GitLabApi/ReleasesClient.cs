using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nuke.Common;
using Polly;
using Serilog;

namespace GitLabRelease.GitLabApi;

/// <summary>
/// Creates or updates the GitLab Release of a tag through the Releases API
/// (https://docs.gitlab.com/api/releases/, https://docs.gitlab.com/api/releases/links/). Idempotent: a Release that
/// already matches is left alone, one that differs is updated, missing asset links are added.
/// </summary>
public sealed class ReleasesClient(HttpClient http, GitLabProjectApi api, ILogger logger, ResiliencePipeline<HttpResponseMessage>? retry = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ResiliencePipeline<HttpResponseMessage> _retry = retry ?? ApiRetry.Create();

    public async Task<ReleaseOutcome> EnsureAsync(ReleaseSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var releaseUrl = api.ProjectUrl($"releases/{Uri.EscapeDataString(spec.TagName)}");

        var existing = await GetReleaseAsync(releaseUrl, spec.TagName, cancellationToken);
        if (existing is null)
        {
            using var created = await SendAsync(HttpMethod.Post, api.ProjectUrl("releases"), new
            {
                tag_name = spec.TagName,
                name = spec.Name,
                description = spec.Description,
                assets = new { links = spec.Links.Select(l => new { name = l.Name, url = l.Url, link_type = l.LinkType }) },
            }, cancellationToken);
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(created, "create the Release", spec.TagName, cancellationToken);
                logger.Information("Created the GitLab Release {Tag:l} with {Links} asset links", spec.TagName, spec.Links.Count);
                return ReleaseOutcome.Created;
            }
            // Another job created it between our look-up and our create: compare with what is there now.
            existing = await GetReleaseAsync(releaseUrl, spec.TagName, cancellationToken)
                ?? throw new BuildException($"GitLab answered that the Release {spec.TagName} exists, but it cannot be read.", "Run the Release target again.");
        }

        var changed = false;
        if (existing.Name != spec.Name || Normalize(existing.Description) != Normalize(spec.Description))
        {
            using var updated = await SendAsync(HttpMethod.Put, releaseUrl, new { name = spec.Name, description = spec.Description }, cancellationToken);
            await EnsureSuccessAsync(updated, "update the Release", spec.TagName, cancellationToken);
            changed = true;
        }

        var links = existing.Assets?.Links ?? [];
        foreach (var link in spec.Links)
        {
            var current = links.FirstOrDefault(l => l.Name == link.Name);
            if (current is not null && current.Url == link.Url && current.LinkType == link.LinkType) continue;
            var body = new { name = link.Name, url = link.Url, link_type = link.LinkType };
            using var response = current is null
                ? await SendAsync(HttpMethod.Post, api.ProjectUrl($"releases/{Uri.EscapeDataString(spec.TagName)}/assets/links"), body, cancellationToken)
                : await SendAsync(HttpMethod.Put, api.ProjectUrl($"releases/{Uri.EscapeDataString(spec.TagName)}/assets/links/{current.Id}"), body, cancellationToken);
            await EnsureSuccessAsync(response, $"set the asset link {link.Name}", spec.TagName, cancellationToken);
            changed = true;
        }

        logger.Information(changed ? "Updated the GitLab Release {Tag:l}" : "The GitLab Release {Tag:l} is already up to date", spec.TagName);
        return changed ? ReleaseOutcome.Updated : ReleaseOutcome.Unchanged;
    }

    // GitLab stores descriptions with the line endings it was sent; compare without a trailing newline difference.
    private static string Normalize(string? text) => (text ?? "").ReplaceLineEndings("\n").TrimEnd('\n');

    private async Task<ReleaseJson?> GetReleaseAsync(Uri url, string tag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && await MessageAsync(response, cancellationToken) is "404 Not Found")
            return null;
        await EnsureSuccessAsync(response, "read the Release", tag, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ReleaseJson>(Json, cancellationToken)
            ?? throw new BuildException($"GitLab returned an empty Release for {tag}.", $"Check {CiVariables.ApiUrl} points at GitLab's API.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, object? body, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                // A request message can be sent once: build it again for each attempt.
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Add("JOB-TOKEN", api.JobToken);
                if (body is not null) request.Content = JsonContent.Create(body, options: Json);
                return await http.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"GitLab's API at {api.ApiUrl} could not be reached: {e.Message}",
                $"Check that the runner can reach GitLab over HTTPS and that {CiVariables.ApiUrl} is right.", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, string tag, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var message = await MessageAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new BuildException(
                $"GitLab refused the job token while trying to {action} {tag} (401 {message}).",
                $"The job token is valid only while its job runs: run the Release target inside the pipeline job, and do not override {CiVariables.JobToken}."),
            HttpStatusCode.Forbidden => new BuildException(
                $"GitLab did not allow the job to {action} {tag} (403 {message}).",
                "Releases are created with the rights of the user who started the pipeline: they need at least the Developer role, "
                + "and for a protected tag the right to create it (Settings > Repository > Protected tags)."),
            HttpStatusCode.NotFound => new BuildException(
                $"GitLab did not find the project or the tag while trying to {action} {tag} (404 {message}).",
                $"Check that the tag was pushed before the Release step and that {CiVariables.ProjectId} and {CiVariables.ApiUrl} belong to this project."),
            _ when ApiRetry.IsTransient(response.StatusCode) => new BuildException(
                $"GitLab kept failing while trying to {action} {tag} ({status} {message}), also after retries.",
                "GitLab is unavailable or rate limiting: run the job again later."),
            _ => new BuildException($"GitLab refused to {action} {tag} ({status} {message}).",
                "Check the release name, notes and asset links in the message above."),
        };
    }

    internal static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var name in new[] { "message", "error" })
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value))
                    return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }
        catch (JsonException)
        {
        }
        return text.Length > 200 ? text[..200] : text;
    }

    internal sealed record ReleaseJson(string TagName, string? Name, string? Description, AssetsJson? Assets);

    internal sealed record AssetsJson(IReadOnlyList<LinkJson>? Links);

    internal sealed record LinkJson(long Id, string Name, string Url, string? LinkType);
}
