using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Fixtures.GitLab;

/// <summary>
/// The project's NuGet registry (https://docs.gitlab.com/api/packages/nuget/) and the Packages API's list
/// (https://docs.gitlab.com/api/packages/#for-a-project), as strict as GitLab where the build relies on it: the
/// service index is public; every other NuGet endpoint wants HTTP Basic auth as <c>gitlab-ci-token:&lt;job token&gt;</c>
/// (401 with GitLab's realm otherwise, the JOB-TOKEN header is not accepted there) and a numeric project id; an upload
/// is a multipart PUT whose <c>package</c> part must be a .nupkg with a .nuspec (400 otherwise); a duplicate is
/// accepted and adds a file to the existing package, as GitLab does by default; a project whose package registry is
/// off answers 403. The list takes the JOB-TOKEN header, filters package_name fuzzily and package_version exactly.
/// </summary>
public sealed partial class GitLabApiEmulator
{
    private readonly List<EmulatedPackage> _packages = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode> _uploadFailures = new();

    /// <summary>The next authenticated uploads answer <paramref name="status"/> (and store nothing), to prove retries.</summary>
    public void FailNextUpload(HttpStatusCode status, int times = 1)
    {
        for (var i = 0; i < times; i++) _uploadFailures.Enqueue(status);
    }
    private long _nextPackageId = 100;

    /// <summary>Settings > General > Visibility > Package registry; off makes every package endpoint answer 403.</summary>
    public bool PackageRegistryEnabled { get; set; } = true;

    /// <summary>The stored NuGet packages as the registry holds them.</summary>
    public IReadOnlyList<EmulatedPackage> Packages
    {
        get { lock (_lock) return [.. _packages.Select(p => p with { Files = [.. p.Files] })]; }
    }

    /// <summary>Successful package uploads (a duplicate counts: GitLab stores its file again).</summary>
    public int Uploads => Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/packages/nuget", StringComparison.Ordinal) && r.EndsWith("-> 201", StringComparison.Ordinal));

    public string ProjectWebPath(long packageId) => $"/{ProjectPath}/-/packages/{packageId}";

    private async Task<(HttpStatusCode, JsonNode)> HandleNuGetAsync(HttpListenerRequest request, HttpListenerResponse response, string project, string[] rest)
    {
        // The project-level NuGet routes take a numeric id only.
        if (!long.TryParse(project, out _)) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        if (request.HttpMethod == "GET" && rest is ["index.json"] or ["index"])
            return project == ProjectId ? (HttpStatusCode.OK, ServiceIndex()) : (HttpStatusCode.NotFound, Message("404 Project Not Found"));

        if (!BasicAuthIsTheJobToken(request.Headers["Authorization"]))
        {
            response.AddHeader("WWW-Authenticate", "Basic realm=\"GitLab Packages Registry\"");
            return (HttpStatusCode.Unauthorized, Message("401 Unauthorized"));
        }
        if (project != ProjectId) return (HttpStatusCode.NotFound, Message("404 Project Not Found"));
        if (!PackageRegistryEnabled) return (HttpStatusCode.Forbidden, Message("403 Forbidden"));
        if (request.HttpMethod != "PUT" || rest.Length != 0) return (HttpStatusCode.NotFound, Message("404 Not Found"));
        if (_uploadFailures.TryDequeue(out var failure)) return (failure, Message($"{(int)failure} emulated failure"));

        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var file = MultipartPart(request.ContentType, buffer.ToArray(), "package");
        if (file is null) return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = "package is missing" });
        var (name, version) = Nuspec(file);
        if (name is null || version is null) return (HttpStatusCode.BadRequest, Message("400 Bad request - nuspec file not found"));
        lock (_lock)
        {
            var existing = _packages.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Version == version);
            if (existing is not null) existing.Files.Add(file);
            else _packages.Add(new EmulatedPackage(_nextPackageId++, name, version, [file]));
        }
        return (HttpStatusCode.Created, Message("201 Created"));
    }

    private (HttpStatusCode, JsonNode) ListPackages(HttpListenerRequest request)
    {
        if (!PackageRegistryEnabled) return (HttpStatusCode.Forbidden, Message("403 Forbidden"));
        var type = request.QueryString["package_type"];
        var name = request.QueryString["package_name"];
        var version = request.QueryString["package_version"];
        if (type is not null && type != "nuget" && type != "generic") return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = "package_type does not have a valid value" });
        var list = new JsonArray();
        lock (_lock)
            foreach (var package in _packages.Where(p => (type is null or "nuget")
                && (name is null || p.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                && (version is null || p.Version == version)))
                list.Add(new JsonObject
                {
                    ["id"] = package.Id,
                    ["name"] = package.Name,
                    ["version"] = package.Version,
                    ["package_type"] = "nuget",
                    ["status"] = "default",
                    ["_links"] = new JsonObject { ["web_path"] = ProjectWebPath(package.Id) },
                });
        return (HttpStatusCode.OK, list);
    }

    private bool BasicAuthIsTheJobToken(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return pair == $"gitlab-ci-token:{JobToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private JsonObject ServiceIndex()
    {
        var prefix = $"{ApiUrl.AbsoluteUri.TrimEnd('/')}/projects/{ProjectId}/packages/nuget";
        JsonObject Resource(string path, string type) => new() { ["@id"] = prefix + path, ["@type"] = type, ["comment"] = type };
        return new JsonObject
        {
            ["version"] = "3.0.0",
            ["resources"] = new JsonArray(
                Resource("/query", "SearchQueryService"),
                Resource("/metadata", "RegistrationsBaseUrl"),
                Resource("/download", "PackageBaseAddress/3.0.0"),
                Resource("", "PackagePublish/2.0.0"),
                Resource("/symbolpackage", "SymbolPackagePublish/4.9.0")),
        };
    }

    /// <summary>The bytes of the form-data part named <paramref name="field"/>, or null.</summary>
    private static byte[]? MultipartPart(string? contentType, byte[] body, string field)
    {
        var boundary = contentType?.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))?["boundary=".Length..].Trim('"');
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(boundary)) return null;
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var position = IndexOf(body, delimiter, 0);
        while (position >= 0)
        {
            var start = position + delimiter.Length;
            var next = IndexOf(body, delimiter, start);
            if (next < 0) break;
            var part = body.AsSpan(start, next - start);
            var headerEnd = part.IndexOf("\r\n\r\n"u8);
            if (headerEnd >= 0)
            {
                var headers = Encoding.UTF8.GetString(part[..headerEnd]);
                var content = part[(headerEnd + 4)..];
                if (content.EndsWith("\r\n"u8)) content = content[..^2];
                if (headers.Contains($"name={field}", StringComparison.Ordinal) || headers.Contains($"name=\"{field}\"", StringComparison.Ordinal))
                    return content.ToArray();
            }
            position = next;
        }
        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        var index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? -1 : from + index;
    }

    private static (string? Name, string? Version) Nuspec(byte[] package)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            if (entry is null) return (null, null);
            using var stream = entry.Open();
            var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            return (Field("id"), Field("version"));
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            return (null, null);
        }
    }
}

/// <summary>A package in the emulated registry: every uploaded file of that name and version.</summary>
public sealed record EmulatedPackage(long Id, string Name, string Version, List<byte[]> Files);
