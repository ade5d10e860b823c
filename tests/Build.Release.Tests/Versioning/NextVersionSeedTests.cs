using GitLabRelease.Versioning;
using Fixtures.Git;

namespace Release.Tests.Versioning;

/// <summary>
/// A newly adopted GitVersion.yml continues from the repository's version: the real GitVersion on real repositories
/// gives the versions, the seeder only writes next-version where GitVersion's history does not reach the declared one.
/// </summary>
public sealed class NextVersionSeedTests
{
    private const string MarkerLine = NextVersionSeeder.Marker + " when the repository already has a version, see docs/versioning.md#continuing-from-an-existing-version";

    private static GitRepo NewAdopter(string projectProperties)
    {
        var repo = GitRepo.Init();
        repo.Commit("A library", "src/Lib/Lib.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>{projectProperties}</PropertyGroup></Project>\n");
        repo.Commit("Adopt", "GitVersion.yml", GitVersionCli.RepositoryConfig().TrimEnd() + "\n" + MarkerLine + "\n");
        return repo;
    }

    private static string[] Projects(GitRepo repo) => [Path.Combine(repo.Path, "src", "Lib", "Lib.csproj")];

    private static Task<NextVersionSeed?> SeedAsync(GitRepo repo, LogCapture log) =>
        new NextVersionSeeder(log.Logger).SeedAsync(new GitVersionRequest(repo.Path), Projects(repo));

    private static string Config(GitRepo repo) => File.ReadAllText(Path.Combine(repo.Path, "GitVersion.yml"));

    [Fact]
    public async Task A_declared_version_without_a_tag_becomes_next_version_and_GitVersion_continues_from_it()
    {
        using var repo = NewAdopter("<TargetFramework>net10.0</TargetFramework><Version>2.1.2</Version>");
        Assert.Equal("0.0.1", GitVersionCli.Run(repo).SemVer); // what adopting would otherwise release

        var seed = await SeedAsync(repo, new LogCapture());

        Assert.NotNull(seed);
        Assert.Equal("2.1.3", seed.NextVersion);
        Assert.Equal("GitVersion.yml: next-version 2.1.3 (continues from <Version>2.1.2</Version> in src/Lib/Lib.csproj)", seed.Message);
        Assert.Contains("\nnext-version: 2.1.3\n", Config(repo));
        Assert.DoesNotContain(NextVersionSeeder.Marker, Config(repo));
        repo.Commit("Seeded", "GitVersion.yml", Config(repo));
        Assert.Equal("2.1.3", GitVersionCli.Run(repo).SemVer);
        // Once: without the marker the file is the user's.
        Assert.Null(await SeedAsync(repo, new LogCapture()));
    }

    [Fact]
    public async Task A_release_tag_as_new_as_the_declared_version_needs_no_next_version()
    {
        using var repo = NewAdopter("<Version>2.1.2</Version>");
        repo.Tag("v2.1.2");
        repo.Commit("after the release");
        var before = GitVersionCli.Run(repo).SemVer;

        var seed = await SeedAsync(repo, new LogCapture());

        Assert.NotNull(seed);
        Assert.Null(seed.NextVersion);
        Assert.Equal("GitVersion.yml: no next-version needed, GitVersion continues from the tag v2.1.2, not older than "
            + $"<Version>2.1.2</Version> in src/Lib/Lib.csproj (this commit: {before})", seed.Message);
        Assert.Equal("2.1.3", before);
        Assert.DoesNotContain("next-version:", Config(repo).Replace("# No next-version:", ""));
    }

    [Fact]
    public async Task An_older_tag_under_the_tag_prefix_does_not_hold_back_a_newer_declared_pre_release()
    {
        using var repo = NewAdopter("<VersionPrefix>3.0.0</VersionPrefix><VersionSuffix>beta.2</VersionSuffix>");
        repo.Tag("app-v2.4.0");
        repo.Commit("work");

        var seed = await new NextVersionSeeder(new LogCapture().Logger)
            .SeedAsync(new GitVersionRequest(repo.Path) { TagPrefix = "app-v" }, Projects(repo));

        // A VersionPrefix with a suffix built 3.0.0-beta.2: the release it leads to is 3.0.0. GitVersion reads next-version
        // with the build's tag prefix, so it is written with it.
        Assert.Equal("app-v3.0.0", seed?.NextVersion);
        repo.Commit("Seeded", "GitVersion.yml", Config(repo));
        Assert.Equal("3.0.0", (await new GitVersionRunner(new LogCapture().Logger)
            .GetVersionAsync(new GitVersionRequest(repo.Path) { TagPrefix = "app-v" })).SemVer);
    }

    [Fact]
    public async Task Without_any_version_it_says_where_GitVersion_starts()
    {
        using var repo = NewAdopter("<TargetFramework>net10.0</TargetFramework>");
        var seed = await SeedAsync(repo, new LogCapture());
        Assert.Equal("GitVersion.yml: no <Version>, <VersionPrefix> or release tag to continue from; the first release is 0.0.1 "
            + "(set next-version: in GitVersion.yml to start elsewhere)", seed?.Message);
        Assert.DoesNotContain(NextVersionSeeder.Marker, Config(repo));
    }

    [Fact]
    public async Task A_pipeline_stops_on_a_marker_no_local_run_replaced_and_not_after()
    {
        using var repo = NewAdopter("<Version>2.1.2</Version>");
        var error = Assert.Throws<Nuke.Common.BuildException>(() => NextVersionSeeder.ThrowIfPending(new GitVersionRequest(repo.Path)));
        Assert.Contains("GitVersion.yml still has the template's next-version marker", error.Message);
        Assert.Contains("then commit GitVersion.yml", error.Fix);
        Assert.Contains("./build.sh Version", error.ToString());

        await SeedAsync(repo, new LogCapture());
        NextVersionSeeder.ThrowIfPending(new GitVersionRequest(repo.Path));
    }

    [Fact]
    public async Task Before_the_first_commit_the_marker_stays_for_a_later_run()
    {
        using var repo = GitRepo.Init();
        repo.WriteFile("GitVersion.yml", GitVersionCli.RepositoryConfig().TrimEnd() + "\n" + MarkerLine + "\n");
        Directory.CreateDirectory(Path.Combine(repo.Path, "src", "Lib"));
        repo.WriteFile("src/Lib/Lib.csproj", "<Project><PropertyGroup><Version>1.0.0</Version></PropertyGroup></Project>");
        await Assert.ThrowsAsync<Nuke.Common.BuildException>(() => SeedAsync(repo, new LogCapture()));
        Assert.Contains(MarkerLine, Config(repo));
    }

    [Fact]
    public void The_highest_literal_version_is_found_in_projects_and_the_props_above_them()
    {
        var root = GitRepo.NewTempDirectory("existing-version");
        try
        {
            void Write(string relative, string text)
            {
                var path = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }
            Write("Directory.Build.props", "<Project><PropertyGroup><VersionPrefix>1.4.0</VersionPrefix></PropertyGroup></Project>");
            Write("src/Directory.Build.props", "<Project><PropertyGroup><Version>$(Major).$(Minor).0</Version></PropertyGroup></Project>");
            Write("src/A/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Version>2.0.0-rc.1</Version></PropertyGroup></Project>");
            Write("src/B/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Version>1.9</Version></PropertyGroup></Project>");
            Write("samples/C/C.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Version>9.0.0</Version></PropertyGroup></Project>");
            Write("src/Broken/Broken.csproj", "<Project");

            string[] projects = ["src/A/A.csproj", "src/B/B.csproj", "src/Broken/Broken.csproj"];
            var found = ExistingVersion.FindHighest(root, projects.Select(p => Path.Combine(root, p)));

            // The sample is not one of the solution's projects; the expression is not a version we can read.
            Assert.Equal(new ExistingVersion("Version", "2.0.0-rc.1", "src/A/A.csproj", 2, 0, 0, IsPreRelease: true), found);
            Assert.Equal("2.0.0", found!.NextVersion);
            Assert.Equal("<VersionPrefix>1.4.0</VersionPrefix> in Directory.Build.props",
                ExistingVersion.FindHighest(root, [])!.ToString());
            Assert.Equal("1.4.1", ExistingVersion.FindHighest(root, [])!.NextVersion);
            Assert.Equal("1.9.1", ExistingVersion.FindHighest(root, [Path.Combine(root, "src/B/B.csproj")])!.NextVersion);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
