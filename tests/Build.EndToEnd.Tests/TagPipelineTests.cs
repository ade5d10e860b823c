using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

[Collection(BuildCollection.Name)]
public sealed class TagPipelineTests : IDisposable
{
    private readonly string _root = Fixtures.Git.GitRepo.NewTempDirectory("e2e-tagpipeline");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_tag_pipeline_skips_every_target_with_the_reason_and_compiles_nothing()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var build = new BuildProcess { Root = _root };
        build.Environment["GITLAB_CI"] = "true";
        build.Environment["CI_COMMIT_TAG"] = "v9.9.9";

        var result = await build.RunAsync(["Tag"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var target in new[] { "Restore", "Compile", "Test", "Version", "Tag", "Push", "DecryptDeployKey" })
            Assert.Matches($@"{target}\s+Skipped\s.*tag pipeline \(CI_COMMIT_TAG=v9\.9\.9\)", result.Output);
        Assert.DoesNotContain("> dotnet", result.Output);
        Assert.DoesNotContain("gitversion", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts")));
        Assert.Empty(Directory.GetDirectories(_root, "obj", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_committed_gitlab_ci_yml_is_what_the_build_generates()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

        var result = await new BuildProcess { Root = _root }.RunAsync(["--generate-configuration"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(SourceTree.Root, ".gitlab-ci.yml")),
            await File.ReadAllTextAsync(Path.Combine(_root, ".gitlab-ci.yml")));
    }
}
