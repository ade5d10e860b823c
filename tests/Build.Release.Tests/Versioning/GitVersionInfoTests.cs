using GitLabRelease.Versioning;
using Fixtures.Git;

namespace Release.Tests.Versioning;

public sealed class GitVersionInfoTests
{
    private const string Json = """
        {
          "AssemblySemFileVer": "1.2.3.0",
          "AssemblySemVer": "1.2.3.0",
          "BranchName": "feature/x",
          "BuildMetaData": 4,
          "CommitDate": "2026-11-27",
          "CommitsSinceVersionSource": "4",
          "EscapedBranchName": "feature-x",
          "FullBuildMetaData": "4.Branch.feature-x.Sha.0123456789abcdef0123456789abcdef01234567",
          "FullSemVer": "1.2.3-x.1+4",
          "InformationalVersion": "1.2.3-x.1+4.Branch.feature-x.Sha.0123456789abcdef0123456789abcdef01234567",
          "Major": 1,
          "MajorMinorPatch": "1.2.3",
          "Minor": "2",
          "Patch": 3,
          "PreReleaseLabel": "x",
          "PreReleaseLabelWithDash": "-x",
          "PreReleaseNumber": 1,
          "PreReleaseTag": "x.1",
          "PreReleaseTagWithDash": "-x.1",
          "SemVer": "1.2.3-x.1",
          "Sha": "0123456789abcdef0123456789abcdef01234567",
          "ShortSha": "0123456",
          "UncommittedChanges": null,
          "VersionSourceSha": "",
          "WeightedPreReleaseNumber": 30001,
          "SomethingNewInGitVersion7": { "nested": true }
        }
        """;

    [Fact]
    public void Parses_numbers_numeric_strings_and_nulls()
    {
        var info = GitVersionInfo.Parse(Json);
        Assert.Equal((1, 2, 3), (info.Major, info.Minor, info.Patch));
        Assert.Equal(4, info.BuildMetaData);
        Assert.Equal(4, info.CommitsSinceVersionSource);
        Assert.Equal(1, info.PreReleaseNumber);
        Assert.Null(info.UncommittedChanges);
        Assert.Null(info.VersionSourceDistance); // absent
        Assert.Equal("x.1", info.PreReleaseTag);
        Assert.Equal(new DateOnly(2026, 11, 27), info.CommitDateValue);
        Assert.Contains("SomethingNewInGitVersion7", info.RawJson);
    }

    [Fact]
    public void Null_build_metadata_and_empty_labels_are_accepted()
    {
        var info = GitVersionInfo.Parse(Json.Replace("\"BuildMetaData\": 4", "\"BuildMetaData\": null").Replace("\"PreReleaseNumber\": 1", "\"PreReleaseNumber\": \"\""));
        Assert.Null(info.BuildMetaData);
        Assert.Null(info.PreReleaseNumber);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"FullSemVer\": \"1.0.0\"}")]
    public void Rejects_output_that_is_not_GitVersion_json(string text) =>
        Assert.Throws<FormatException>(() => GitVersionInfo.Parse(text));

    [Fact]
    public async Task Artifacts_hold_the_json_and_a_dotenv_file()
    {
        var info = GitVersionInfo.Parse(Json);
        var directory = Path.Combine(GitRepo.NewTempDirectory("artifacts"), "artifacts");
        try
        {
            // A branch name with a quote and a line break (git allows neither in a ref, GitVersion may still print one):
            // GitLab's dotenv parser rejects both, so they are left out.
            var (_, oddPath) = VersionArtifacts.Write(info with { BranchName = "fe\"at\r\nure" }, directory);
            Assert.Equal(["VERSION", "VERSION_FULL", "VERSION_INFORMATIONAL", "VERSION_MAJOR_MINOR_PATCH", "VERSION_ASSEMBLY", "VERSION_FILE", "VERSION_SHA", "VERSION_BRANCH"],
                (await File.ReadAllLinesAsync(oddPath)).Select(l => l.Split('=', 2)[0]));
            Assert.EndsWith("VERSION_BRANCH=feature\n", await File.ReadAllTextAsync(oddPath), StringComparison.Ordinal);

            var (jsonPath, envPath) = VersionArtifacts.Write(info, directory);

            Assert.Equal(info, GitVersionInfo.Parse(await File.ReadAllTextAsync(jsonPath)));
            var env = (await File.ReadAllLinesAsync(envPath)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            Assert.Equal("1.2.3-x.1", env["VERSION"]);
            Assert.Equal(info.FullSemVer, env["VERSION_FULL"]);
            Assert.Equal(info.InformationalVersion, env["VERSION_INFORMATIONAL"]);
            Assert.Equal(info.Sha, env["VERSION_SHA"]);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Fact]
    public void MSBuild_properties_stamp_every_assembly_version()
    {
        var info = GitVersionInfo.Parse(Json);
        Assert.Equal(
            ["-p:Version=1.2.3-x.1", "-p:AssemblyVersion=1.2.3.0", "-p:FileVersion=1.2.3.0", $"-p:InformationalVersion={info.InformationalVersion}"],
            AssemblyVersionProperties.Arguments(info));
    }

    [Fact]
    public void The_release_record_is_Nukes_GitVersion_and_adds_no_variable_of_its_own()
    {
        // One list of GitVersion's variables: Nuke.Common.Tools.GitVersion.GitVersion. The release flow's record adds
        // only what is not a variable; a variable added here instead of there fails this test.
        var info = GitVersionInfo.Parse(Json);
        Nuke.Common.Tools.GitVersion.GitVersion nuke = info;
        Assert.Equal("1.2.3-x.1", nuke.SemVer);
        Assert.Equal("1.2.3-x.1", nuke.NuGetVersionV2); // GitVersion 6 prints no NuGetVersionV2: Nuke's record reads SemVer
        var own = typeof(GitVersionInfo).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(p => p.Name).Order().ToArray();
        Assert.Equal([nameof(GitVersionInfo.CommitDateValue), nameof(GitVersionInfo.RawJson)], own);
    }
}
