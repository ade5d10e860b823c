using System.Globalization;
using System.Text.RegularExpressions;
using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Serilog;

namespace GitLabRelease.Versioning;

/// <summary>What the seeding did to GitVersion.yml, in the one line the build prints.</summary>
public sealed record NextVersionSeed(string ConfigFile, string? NextVersion, string Message);

/// <summary>
/// Lets a newly adopted GitVersion.yml continue from the version the repository already has, instead of GitVersion's
/// 0.0.1. It acts only on the marker line the template puts into GitVersion.yml (<see cref="Marker"/>), once: the
/// marker is replaced by <c>next-version:</c> when a project declares a version that GitVersion's own history (a
/// release tag) does not already reach, else by a comment saying why none is needed. GitVersion computes every
/// version; this only decides the seed, with GitVersion's answer for the commit as it stands.
/// </summary>
public sealed partial class NextVersionSeeder(ILogger logger, ToolRunner? toolRunner = null)
{
    /// <summary>The start of the template's marker line; build/Build.Templates writes the whole line.</summary>
    public const string Marker = "# next-version: the build's first run sets it";

    // Written into the repository's GitVersion.yml, where no log sink renders marks: the link itself.
    private static string ContinuingDocs => Spelling.Render(Spelling.Docs("versioning", "Continuing from an existing version"));

    private static readonly string[] ConfigNames = ["GitVersion.yml", "GitVersion.yaml", ".GitVersion.yml", ".GitVersion.yaml"];

    private readonly ToolRunner _tools = toolRunner ?? new ToolRunner(logger);

    /// <summary>
    /// Seeds the configuration of <paramref name="version"/>'s repository from <paramref name="projectFiles"/>' versions.
    /// Null when there is nothing to do (no marker: the file is the user's); throws <see cref="BuildException"/> when
    /// GitVersion cannot run yet (no commit), leaving the marker for a later run.
    /// </summary>
    public async Task<NextVersionSeed?> SeedAsync(GitVersionRequest version, IEnumerable<string> projectFiles, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(version.RepositoryDirectory);
        if (ConfigNames.Select(name => Path.Combine(root, name)).FirstOrDefault(File.Exists) is not { } config) return null;
        var text = await File.ReadAllTextAsync(config, ct);
        var lines = text.Split('\n');
        var markerLine = Array.FindIndex(lines, l => l.TrimEnd('\r').StartsWith(Marker, StringComparison.Ordinal));
        if (markerLine < 0) return null;
        var name = Path.GetFileName(config);

        var existing = ExistingVersion.FindHighest(root, projectFiles);
        var computed = await new GitVersionRunner(logger, _tools).GetVersionAsync(version, ct);
        var source = await DescribeSourceAsync(root, computed, ct);

        string[] replacement;
        NextVersionSeed seed;
        if (existing is not null && (source is null || source.Value.Version.CompareTo((existing.Major, existing.Minor, existing.Patch)) < 0))
        {
            // Under a tag prefix of its own (not GitVersion's optional v), GitVersion parses next-version with the prefix.
            var next = version.TagPrefixPattern is null or "[vV]?" ? existing.NextVersion : version.TagPrefix + existing.NextVersion;
            replacement = [$"# Continues from {existing} (set by the build's first run; {ContinuingDocs}).", $"next-version: {next}"];
            seed = new NextVersionSeed(name, next, $"{name}: next-version {next} (continues from {existing})");
        }
        else if (source is { } from)
        {
            var why = existing is null ? "" : $", not older than {existing}";
            replacement = [$"# No next-version: GitVersion continues from {from.Name}{why} (the build's first run; {ContinuingDocs})."];
            seed = new NextVersionSeed(name, null, $"{name}: no next-version needed, GitVersion continues from {from.Name}{why} (this commit: {computed.SemVer})");
        }
        else
        {
            replacement = [$"# No next-version: the repository had no <Version>, <VersionPrefix> or release tag (the build's first run; {ContinuingDocs})."];
            seed = new NextVersionSeed(name, null,
                $"{name}: no <Version>, <VersionPrefix> or release tag to continue from; the first release is {computed.MajorMinorPatch} (set next-version: in {name} to start elsewhere)");
        }

        var newline = lines[markerLine].EndsWith('\r') ? "\r" : "";
        var edited = lines.Take(markerLine).Concat(replacement.Select(l => l + newline)).Concat(lines.Skip(markerLine + 1));
        await File.WriteAllTextAsync(config, string.Join('\n', edited), ct);
        return seed;
    }

    /// <summary>
    /// In a pipeline, a GitVersion.yml that still carries the marker was never set up by a local run: GitVersion would
    /// version from 0.0.1 whatever the projects declare, so the build stops before it can release that.
    /// </summary>
    public static void ThrowIfPending(GitVersionRequest version)
    {
        var root = Path.GetFullPath(version.RepositoryDirectory);
        if (ConfigNames.Select(name => Path.Combine(root, name)).FirstOrDefault(File.Exists) is not { } config) return;
        if (!File.ReadLines(config).Any(l => l.StartsWith(Marker, StringComparison.Ordinal))) return;
        var name = Path.GetFileName(config);
        throw new BuildException(
            $"{name} still has the template's next-version marker: no local run of the build has set it up, so GitVersion would start at 0.0.1 "
            + "instead of continuing from the version the repository declares.",
            $"Run the build once on a clone (any target, e.g. {Spelling.Run("Version")}), then commit {name}; see {Spelling.Docs("versioning", "Continuing from an existing version")}.");
    }

    /// <summary>GitVersion's version source, when it has one (a tag; without next-version nothing else on main): its name and version.</summary>
    private async Task<(string Name, (int, int, int) Version)?> DescribeSourceAsync(string root, GitVersionInfo computed, CancellationToken ct)
    {
        if (computed.VersionSourceSha.Length == 0 || MajorMinorPatch().Match(computed.VersionSourceSemVer) is not { Success: true } match) return null;
        var version = (Int(match, 1), Int(match, 2), Int(match, 3));
        if (version == (0, 0, 0)) return null;
        var tags = await new GitCli(_tools, root).RunAsync(["tag", "--points-at", computed.VersionSourceSha], ct);
        var tag = tags.Succeeded
            ? tags.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(t => t.EndsWith(computed.VersionSourceSemVer, StringComparison.Ordinal))
            : null;
        var shortSha = computed.VersionSourceSha[..Math.Min(8, computed.VersionSourceSha.Length)];
        return (tag is null ? $"{computed.VersionSourceSemVer} at {shortSha}" : $"the tag {tag}", version);
    }

    private static int Int(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex MajorMinorPatch();
}
