using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fixtures.GitLab;

/// <summary>
/// GitLab's Releases API (https://docs.gitlab.com/api/releases/, .../releases/links/) for one project on 127.0.0.1,
/// at least as strict as GitLab on what the build relies on: the JOB-TOKEN header must carry the job's token (401),
/// the project must match (404 Project Not Found), a Release needs an existing tag (422 "Ref is not specified"),
/// exists once per tag (409 "Release already exists"), and a malformed body is a 400 with GitLab's error JSON.
/// <see cref="FailNext"/> queues transient answers (429, 5xx) to prove retries. The project's NuGet registry and the
/// Packages API are in GitLabApiEmulator.Packages.cs.
/// </summary>
public sealed partial class GitLabApiEmulator : IDisposable
{
    private static readonly string[] LinkTypes = ["other", "runbook", "image", "package"];
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfter)> _failures = new();
    private readonly Dictionary<string, JsonObject> _releases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Func<string, bool> _tagExists;
    private readonly Task _loop;
    private long _nextLinkId = 1;

    public GitLabApiEmulator(string projectId, string projectPath, string jobToken, Func<string, bool> tagExists)
    {
        ProjectId = projectId;
        ProjectPath = projectPath;
        JobToken = jobToken;
        _tagExists = tagExists;
        (_listener, var port) = Http.LoopbackListener.Start();
        ApiUrl = new Uri($"http://127.0.0.1:{port}/api/v4");
        _loop = Task.Run(ServeAsync);
    }

    public Uri ApiUrl { get; private set; } = null!;
    public string ProjectId { get; }
    public string ProjectPath { get; }
    public string JobToken { get; set; }

    /// <summary>Every request as "METHOD /path -> status", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Requests that changed something (created or updated a Release or a link).</summary>
    public int Writes => Requests.Count(r => !r.StartsWith("GET", StringComparison.Ordinal) && (r.EndsWith("-> 200", StringComparison.Ordinal) || r.EndsWith("-> 201", StringComparison.Ordinal)));

    public void FailNext(HttpStatusCode status, int times = 1, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < times; i++) _failures.Enqueue((status, retryAfterSeconds));
    }

    /// <summary>The stored Release of a tag as GitLab would return it, or null.</summary>
    public JsonObject? Release(string tag)
    {
        lock (_lock) return _releases.TryGetValue(tag, out var release) ? (JsonObject)release.DeepClone() : null;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                var (status, body) = await HandleAsync(context.Request, context.Response);
                // Read what the client still sends before answering, as GitLab's front end does: answering a large
                // upload (a 401 before the credentials) unread resets the connection under the client.
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                Requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} -> {(int)status}");
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
            }
        }
    }

    private static JsonObject Message(string text) => new() { ["message"] = text };

    private async Task<(HttpStatusCode, JsonNode)> HandleAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } seconds) response.AddHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return (failure.Status, Message($"{(int)failure.Status} emulated failure"));
        }
        // Raw path: the project and the tag are URL-encoded segments.
        var segments = request.RawUrl!.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        // GitLab's NuGet endpoints take Basic auth (or X-NuGet-ApiKey), not the JOB-TOKEN header.
        if (segments is ["api", "v4", "projects", _, "packages", "nuget", ..]) return await HandleNuGetAsync(request, response, segments[3], segments[6..]);
        if (request.Headers["JOB-TOKEN"] != JobToken) return (HttpStatusCode.Unauthorized, Message("401 Unauthorized"));
        if (segments.Length < 4 || segments[0] != "api" || segments[1] != "v4" || segments[2] != "projects")
            return (HttpStatusCode.NotFound, Message("404 Not Found"));
        if (segments[3] != ProjectId && segments[3] != ProjectPath) return (HttpStatusCode.NotFound, Message("404 Project Not Found"));
        var rest = segments[4..];
        if (rest is ["packages"] && request.HttpMethod == "GET") return ListPackages(request);
        if (rest.Length == 0 || rest[0] != "releases") return (HttpStatusCode.NotFound, Message("404 Not Found"));

        JsonObject? body = null;
        if (request.HttpMethod is "POST" or "PUT")
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
            }
            if (body is null) return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = "The provided content-type 'application/json' is not a valid JSON object" });
        }

        lock (_lock)
        {
            return (request.HttpMethod, rest.Length) switch
            {
                ("POST", 1) => Create(body!),
                ("GET", 2) => _releases.TryGetValue(rest[1], out var found) ? (HttpStatusCode.OK, found.DeepClone()) : (HttpStatusCode.NotFound, Message("404 Not Found")),
                ("PUT", 2) => Update(rest[1], body!),
                ("POST", 4) when rest[2] == "assets" && rest[3] == "links" => AddLink(rest[1], body!),
                ("PUT", 5) when rest[2] == "assets" && rest[3] == "links" && long.TryParse(rest[4], out var id) => UpdateLink(rest[1], id, body!),
                _ => (HttpStatusCode.NotFound, Message("404 Not Found")),
            };
        }
    }

    private (HttpStatusCode, JsonNode) Create(JsonObject body)
    {
        var tag = body["tag_name"]?.GetValueKind() == JsonValueKind.String ? body["tag_name"]!.GetValue<string>() : null;
        if (string.IsNullOrEmpty(tag)) return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = "tag_name is missing" });
        if (_releases.ContainsKey(tag)) return (HttpStatusCode.Conflict, Message("Release already exists"));
        if (!_tagExists(tag)) return (HttpStatusCode.UnprocessableEntity, Message("Ref is not specified"));
        var release = new JsonObject
        {
            ["tag_name"] = tag,
            ["name"] = body["name"]?.GetValue<string>() ?? tag,
            ["description"] = body["description"]?.GetValue<string>(),
            ["assets"] = new JsonObject { ["links"] = new JsonArray() },
        };
        var links = (JsonArray)release["assets"]!["links"]!;
        if (body["assets"]?["links"] is JsonArray requested)
            foreach (var link in requested)
            {
                if (link is not JsonObject l) return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = "assets[links] is invalid" });
                if (ValidateLink(links, l, null) is { } error) return (HttpStatusCode.BadRequest, error);
                links.Add(NewLink(l));
            }
        _releases[tag] = release;
        return (HttpStatusCode.Created, release.DeepClone());
    }

    private (HttpStatusCode, JsonNode) Update(string tag, JsonObject body)
    {
        if (!_releases.TryGetValue(tag, out var release)) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        if (body["name"] is { } name) release["name"] = name.GetValue<string>();
        if (body["description"] is { } description) release["description"] = description.GetValue<string>();
        return (HttpStatusCode.OK, release.DeepClone());
    }

    private (HttpStatusCode, JsonNode) AddLink(string tag, JsonObject body)
    {
        if (!_releases.TryGetValue(tag, out var release)) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        var links = (JsonArray)release["assets"]!["links"]!;
        if (ValidateLink(links, body, null) is { } error) return (HttpStatusCode.BadRequest, error);
        var link = NewLink(body);
        links.Add(link);
        return (HttpStatusCode.Created, link.DeepClone());
    }

    private (HttpStatusCode, JsonNode) UpdateLink(string tag, long id, JsonObject body)
    {
        if (!_releases.TryGetValue(tag, out var release)) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        var links = (JsonArray)release["assets"]!["links"]!;
        if (links.OfType<JsonObject>().FirstOrDefault(l => l["id"]!.GetValue<long>() == id) is not { } link) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        if (ValidateLink(links, body, id) is { } error) return (HttpStatusCode.BadRequest, error);
        foreach (var field in new[] { "name", "url", "link_type" })
            if (body[field] is { } value) link[field] = value.GetValue<string>();
        return (HttpStatusCode.OK, link.DeepClone());
    }

    private static JsonObject? ValidateLink(JsonArray links, JsonObject link, long? self)
    {
        var name = link["name"]?.GetValue<string>();
        var url = link["url"]?.GetValue<string>();
        var type = link["link_type"]?.GetValue<string>() ?? "other";
        if (self is null && (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(url))) return new JsonObject { ["error"] = "name is missing, url is missing" };
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https" or "ftp")))
            return Message("{\"url\":[\"is blocked: Only allowed schemes are http, https, ftp\"]}");
        if (!LinkTypes.Contains(type)) return new JsonObject { ["error"] = "link_type does not have a valid value" };
        var others = links.OfType<JsonObject>().Where(l => l["id"]!.GetValue<long>() != self).ToList();
        if (name is not null && others.Any(l => l["name"]!.GetValue<string>() == name)) return new JsonObject { ["message"] = new JsonObject { ["name"] = new JsonArray("has already been taken") } };
        if (url is not null && others.Any(l => l["url"]!.GetValue<string>() == url)) return new JsonObject { ["message"] = new JsonObject { ["url"] = new JsonArray("has already been taken") } };
        return null;
    }

    private JsonObject NewLink(JsonObject link) => new()
    {
        ["id"] = _nextLinkId++,
        ["name"] = link["name"]!.GetValue<string>(),
        ["url"] = link["url"]!.GetValue<string>(),
        ["link_type"] = link["link_type"]?.GetValue<string>() ?? "other",
    };

    public void Dispose()
    {
        // Close alone: Stop then Close re-binds the port to unregister it (see KmsEmulator).
        try { _listener.Close(); } catch (HttpListenerException) { }
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
