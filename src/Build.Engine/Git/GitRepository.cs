using System.Diagnostics;
using System.Text.RegularExpressions;
using Nuke.Common.IO;

namespace Nuke.Common.Git;

public enum GitProtocol
{
    Https,
    Ssh,
}

/// <summary>
/// The repository the build runs in, as Nuke's GitRepository: branch, commit, tags, the remote and its URLs. Read once
/// with the git CLI. On a CI server HEAD is usually detached, so the branch comes from the host (GitLab's
/// <c>CI_COMMIT_REF_NAME</c>) when git has none.
/// </summary>
public sealed partial record GitRepository
{
    public GitProtocol Protocol { get; init; }
    /// <summary>The server, e.g. <c>gitlab.com</c>.</summary>
    public string? Endpoint { get; init; }
    /// <summary>The project path on the server, e.g. <c>group/project</c>.</summary>
    public string? Identifier { get; init; }
    public AbsolutePath? LocalDirectory { get; init; }
    public string? Head { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public string? RemoteName { get; init; }
    public string? RemoteBranch { get; init; }
    public IReadOnlyCollection<string> Tags { get; init; } = [];

    public string? HttpsUrl => Endpoint is null || Identifier is null ? null : $"https://{Endpoint}/{Identifier}.git";
    public string? SshUrl => Endpoint is null || Identifier is null ? null : $"git@{Endpoint}:{Identifier}.git";

    public override string ToString() => (Protocol == GitProtocol.Ssh ? SshUrl : HttpsUrl) ?? LocalDirectory?.ToString() ?? "";

    /// <summary>Reads the repository containing <paramref name="directory"/>; throws when it is not in one.</summary>
    public static GitRepository FromLocalDirectory(AbsolutePath directory) => FromLocalDirectory(directory, hostBranch: null);

    internal static GitRepository FromLocalDirectory(AbsolutePath directory, string? hostBranch)
    {
        var topLevel = Git(directory, "rev-parse", "--show-toplevel")
            ?? throw new BuildException($"{directory} is not inside a git repository.", "Run the build in a clone of the repository (git init for a new one).");
        var root = AbsolutePath.Create(topLevel);
        var commit = Git(root, "rev-parse", "--verify", "-q", "HEAD");
        var branch = Git(root, "symbolic-ref", "--short", "-q", "HEAD") ?? NullIfEmpty(hostBranch);
        var upstream = branch is null ? null : Git(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", branch + "@{upstream}");
        var remotes = (Git(root, "remote") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var remoteName = upstream?.Split('/')[0] is { } fromUpstream && remotes.Contains(fromUpstream)
            ? fromUpstream
            : remotes.Contains("origin") ? "origin" : remotes.FirstOrDefault();
        var url = remoteName is null ? null : Git(root, "remote", "get-url", remoteName);
        var tags = commit is null ? [] : (Git(root, "tag", "--points-at", commit) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = url is null ? null : ParseUrl(url);
        return new GitRepository
        {
            Protocol = parsed?.Protocol ?? GitProtocol.Https,
            Endpoint = parsed?.Endpoint,
            Identifier = parsed?.Identifier,
            LocalDirectory = root,
            Head = commit,
            Commit = commit,
            Branch = branch,
            RemoteName = remoteName,
            RemoteBranch = upstream is not null && remoteName is not null && upstream.StartsWith(remoteName + "/", StringComparison.Ordinal)
                ? upstream[(remoteName.Length + 1)..]
                : branch,
            Tags = tags.Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>A repository known only by its URL (https, ssh:// or scp-like <c>git@host:path</c>).</summary>
    public static GitRepository FromUrl(string url, string? branch = null)
    {
        var parsed = ParseUrl(url) ?? throw new BuildException($"'{url}' is not a git URL.", "Use https://host/group/project.git or git@host:group/project.git.");
        return new GitRepository { Protocol = parsed.Protocol, Endpoint = parsed.Endpoint, Identifier = parsed.Identifier, Branch = branch };
    }

    internal static (GitProtocol Protocol, string Endpoint, string Identifier)? ParseUrl(string url)
    {
        var match = UrlPattern().Match(url.Trim());
        if (!match.Success) return null;
        var protocol = match.Groups["scheme"].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? GitProtocol.Https : GitProtocol.Ssh;
        var identifier = match.Groups["path"].Value.Trim('/');
        if (identifier.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) identifier = identifier[..^4];
        return (protocol, match.Groups["host"].Value, identifier);
    }

    // https://[user@]host[:port]/path, ssh://[user@]host[:port]/path, or [user@]host:path (scp-like).
    [GeneratedRegex(@"^(?:(?<scheme>https?|ssh|git\+ssh)://(?:[^@/]+@)?(?<host>[^/:]+)(?::\d+)?/|(?:[^@/]+@)?(?<host>[^/:]+):(?!\d+/))(?<path>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? NullIfEmpty(output) : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Could not start git: {e.Message}", "Install git or put it on PATH.", e);
        }
    }
}

/// <summary>Nuke's branch checks on a <see cref="GitRepository"/>.</summary>
public static class GitRepositoryExtensions
{
    public static bool IsOnMainBranch(this GitRepository repository) => Is(repository, "main");
    public static bool IsOnMasterBranch(this GitRepository repository) => Is(repository, "master");
    public static bool IsOnMainOrMasterBranch(this GitRepository repository) => repository.IsOnMainBranch() || repository.IsOnMasterBranch();
    public static bool IsOnDevelopBranch(this GitRepository repository) => Is(repository, "dev") || Is(repository, "develop") || Is(repository, "development");
    public static bool IsOnFeatureBranch(this GitRepository repository) => Starts(repository, "feature/") || Starts(repository, "features/");
    public static bool IsOnReleaseBranch(this GitRepository repository) => Starts(repository, "release/") || Starts(repository, "releases/");
    public static bool IsOnHotfixBranch(this GitRepository repository) => Starts(repository, "hotfix/") || Starts(repository, "hotfixes/");

    public static bool IsGitLabRepository(this GitRepository repository) =>
        repository.Endpoint?.Contains("gitlab", StringComparison.OrdinalIgnoreCase) ?? false;

    private static bool Is(GitRepository repository, string branch) => string.Equals(repository.Branch, branch, StringComparison.OrdinalIgnoreCase);

    private static bool Starts(GitRepository repository, string prefix) => repository.Branch?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ?? false;
}

/// <summary>Injects the build's <see cref="GitRepository"/>: <c>[GitRepository] readonly GitRepository GitRepository;</c></summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class GitRepositoryAttribute : ValueInjectionAttributeBase
{
    public override Task<object?> GetValueAsync(System.Reflection.MemberInfo member, NukeBuild build, CancellationToken ct) =>
        Task.FromResult<object?>(GitRepository.FromLocalDirectory(((INukeBuild)build).RootDirectory, build.Host.GetBranch(build.EnvironmentVariable)));
}
