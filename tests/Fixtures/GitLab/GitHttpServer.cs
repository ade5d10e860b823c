using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Fixtures.Ssh;

namespace Fixtures.GitLab;

/// <summary>
/// GitLab's smart-HTTP git endpoint (<c>https://gitlab/GROUP/PROJECT.git</c>) on 127.0.0.1: git's own
/// <c>git http-backend</c> (CGI) behind the checks GitLab makes, with GitLab's status codes and messages.
/// Every request needs HTTP Basic auth as <c>gitlab-ci-token</c> with the job's token (401 "HTTP Basic: Access
/// denied…" otherwise); an unknown project is a 404; receive-pack (push, and a dry run's ref advertisement) is a
/// 403 "You are not allowed to push code to this project." while the project's "Allow Git push requests to the
/// repository" is off (GitLab's <c>ci_push_repository_for_job_token_allowed</c>, off by default); a pre-receive hook
/// refuses protected tags as GitLab's does, and records push options.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    public const string JobTokenUser = "gitlab-ci-token";
    public const string PushNotAllowedMessage = "You are not allowed to push code to this project.";
    public const string ProjectNotFoundMessage = "The project you were looking for could not be found or you don't have permission to view it.";
    public const string ProtectedTagMessage = "GitLab: You are not allowed to create this tag as it is protected.";

    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, bool> _pushAllowed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _expired = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public GitHttpServer(string jobToken)
    {
        JobToken = jobToken;
        Root = Git.GitRepo.NewTempDirectory("git-http");
        Directory.CreateDirectory(Path.Combine(Root, "repos"));
        File.WriteAllText(Path.Combine(Root, "pre-receive"), PreReceiveHook);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(Root, "pre-receive"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (_listener, var port) = Http.LoopbackListener.Start();
        ServerUrl = $"http://127.0.0.1:{port}";
        _loop = Task.Run(ServeAsync);
    }

    public string Root { get; }

    /// <summary>What GitLab calls CI_SERVER_URL: scheme, host and port, no trailing slash.</summary>
    public string ServerUrl { get; private set; } = null!;

    /// <summary>The token this instance accepts (the running job's).</summary>
    public string JobToken { get; set; }

    /// <summary>GitLab's 401 text; the help link is the instance's.</summary>
    public string AccessDeniedMessage =>
        "HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you're required to use a token instead of a password. "
        + $"If a token was provided, it was either incorrect, expired, or improperly scoped. See {ServerUrl}/help/topics/git/troubleshooting_git.md#error-on-git-fetch-http-basic-access-denied";

    public string RepositoryUrl(string project) => $"{ServerUrl}/{project}.git";

    /// <summary>Every request as "METHOD path?query -> status", in order; the request line is all a log of GitLab's shows.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Each request's full URL and headers except Authorization's value: where a token must never be.</summary>
    public ConcurrentQueue<string> RequestTexts { get; } = new();

    /// <summary>A bare repository for <paramref name="project"/>; job-token pushes are allowed unless said otherwise (GitLab's default is off).</summary>
    public string CreateProject(string project, bool allowJobTokenPush = true)
    {
        var path = ProjectPath(project);
        Directory.CreateDirectory(path);
        FixtureProcess.Run("git", ["init", "--quiet", "--bare", path]);
        FixtureProcess.Git(path, "config", "receive.advertisePushOptions", "true");
        File.Copy(Path.Combine(Root, "pre-receive"), Path.Combine(path, "hooks", "pre-receive"), overwrite: true);
        _pushAllowed[project] = allowJobTokenPush;
        return path;
    }

    /// <summary>Settings > CI/CD > Job token permissions > "Allow Git push requests to the repository".</summary>
    public void AllowJobTokenPush(string project, bool allowed) => _pushAllowed[project] = allowed;

    /// <summary>Refuses the job token for <paramref name="project"/> from now on, as GitLab does once its job has ended.</summary>
    public void ExpireToken(string project) => _expired[project] = true;

    public string ProjectPath(string project) => Path.Combine(Root, "repos", project + ".git");

    /// <summary>Protects tags matching the shell pattern (e.g. "v*") against the triggering user's role: creating one is declined.</summary>
    public void ProtectTags(string project, string pattern) =>
        File.AppendAllText(Path.Combine(ProjectPath(project), "protected-tags"), pattern + "\n");

    public IReadOnlyList<string> PushOptions(string project)
    {
        var file = Path.Combine(ProjectPath(project), "push-options.log");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    public string? TagCommit(string project, string tag)
    {
        var result = FixtureProcess.Run("git", ["rev-parse", "--verify", "--quiet", $"refs/tags/{tag}^{{commit}}"], ProjectPath(project), check: false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    public IReadOnlyList<string> Tags(string project) =>
        FixtureProcess.Git(ProjectPath(project), "tag", "--list").StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

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
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var line = $"{request.HttpMethod} {request.Url!.PathAndQuery}";
        var text = new StringBuilder(request.Url.AbsoluteUri).Append('\n');
        foreach (var name in request.Headers.AllKeys)
            text.Append(name).Append(": ").Append(string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? "(set)" : request.Headers[name]).Append('\n');
        RequestTexts.Enqueue(text.ToString());
        try
        {
            var status = await AnswerAsync(request, response);
            Requests.Enqueue($"{line} -> {status}");
        }
        catch (Exception e)
        {
            Requests.Enqueue($"{line} -> 500 {e.GetType().Name}: {e.Message}");
            try { await PlainAsync(response, 500, "500 Internal Server Error"); } catch (Exception) { }
        }
        finally
        {
            try { response.Close(); } catch (Exception) { }
        }
    }

    private async Task<int> AnswerAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var path = request.Url!.AbsolutePath;
        var at = path.IndexOf(".git/", StringComparison.Ordinal);
        if (at < 0) return await PlainAsync(response, 404, ProjectNotFoundMessage);
        var project = Uri.UnescapeDataString(path[1..at]);
        var rest = path[(at + ".git".Length)..];
        var service = rest switch
        {
            "/info/refs" => request.QueryString["service"],
            "/git-upload-pack" or "/git-receive-pack" => rest[1..],
            _ => null,
        };
        if (service is not ("git-upload-pack" or "git-receive-pack")) return await PlainAsync(response, 404, ProjectNotFoundMessage);

        // GitLab authenticates before it looks at the project: a wrong or missing token is a 401 whatever the path.
        if (!Authenticated(request.Headers["Authorization"]) || _expired.ContainsKey(project))
        {
            response.AddHeader("WWW-Authenticate", "Basic realm=\"GitLab\"");
            return await PlainAsync(response, 401, AccessDeniedMessage);
        }
        if (!_pushAllowed.TryGetValue(project, out var pushAllowed) || !Directory.Exists(ProjectPath(project)))
            return await PlainAsync(response, 404, ProjectNotFoundMessage);
        if (service == "git-receive-pack" && !pushAllowed)
            return await PlainAsync(response, 403, PushNotAllowedMessage);

        return await RunBackendAsync(request, response, path);
    }

    private bool Authenticated(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':');
        return colon > 0 && decoded[..colon] == JobTokenUser && decoded[(colon + 1)..] == JobToken;
    }

    private async Task<int> RunBackendAsync(HttpListenerRequest request, HttpListenerResponse response, string path)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        foreach (var name in environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList()) environment.Remove(name);
        environment["GIT_PROJECT_ROOT"] = Path.Combine(Root, "repos");
        environment["GIT_HTTP_EXPORT_ALL"] = "1";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["PATH_INFO"] = path;
        environment["REQUEST_METHOD"] = request.HttpMethod;
        environment["QUERY_STRING"] = request.Url!.Query.TrimStart('?');
        environment["CONTENT_TYPE"] = request.ContentType ?? "";
        environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["REMOTE_USER"] = JobTokenUser;
        environment["REMOTE_ADDR"] = "127.0.0.1";
        environment["SERVER_PROTOCOL"] = "HTTP/1.1";
        environment["GATEWAY_INTERFACE"] = "CGI/1.1";
        if (request.Headers["Content-Encoding"] is { } encoding) environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"] is { } protocol) environment["GIT_PROTOCOL"] = protocol;

        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        body.Position = 0;
        await body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await copyOut;
        await process.WaitForExitAsync();
        await stderr;

        var output = stdout.ToArray();
        var split = IndexOf(output, "\r\n\r\n"u8, out var separatorLength);
        if (split < 0) split = IndexOf(output, "\n\n"u8, out separatorLength);
        if (split < 0) return await PlainAsync(response, 500, "http-backend gave no CGI headers");
        var status = 200;
        foreach (var header in Encoding.ASCII.GetString(output, 0, split).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = header.IndexOf(':');
            if (colon <= 0) continue;
            var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) response.ContentType = value;
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) response.AddHeader(name, value);
        }
        response.StatusCode = status;
        var payload = output.AsMemory(split + separatorLength);
        response.ContentLength64 = payload.Length;
        await response.OutputStream.WriteAsync(payload);
        return status;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern, out int length)
    {
        length = pattern.Length;
        return data.AsSpan().IndexOf(pattern);
    }

    private static async Task<int> PlainAsync(HttpListenerResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(message);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        return status;
    }

    public void Dispose()
    {
        // Close alone: Stop then Close makes the managed HttpListener re-bind the port just to unregister it, which
        // throws "Address already in use" when another test has taken the port in between (as in KmsEmulator).
        try { _listener.Close(); } catch (Exception e) when (e is ObjectDisposedException or HttpListenerException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        try { Directory.Delete(Root, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private const string PreReceiveHook = """
        #!/bin/sh
        repo="$(pwd)"
        count="${GIT_PUSH_OPTION_COUNT:-0}"
        if [ "$count" -eq 0 ]; then echo "-" >> "$repo/push-options.log"; fi
        i=0
        while [ "$i" -lt "$count" ]; do
          eval "echo \"\$GIT_PUSH_OPTION_$i\"" >> "$repo/push-options.log"
          i=$((i + 1))
        done
        while read -r old new ref; do
          if [ -f "$repo/protected-tags" ]; then
            while read -r pattern; do
              [ -z "$pattern" ] && continue
              case "$ref" in
                refs/tags/$pattern) echo "GitLab: You are not allowed to create this tag as it is protected." >&2; exit 1 ;;
              esac
            done < "$repo/protected-tags"
          fi
        done
        exit 0

        """;
}
