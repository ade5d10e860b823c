using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Fixtures.Ssh;
using Fixtures.Git;

namespace Release.Tests.Git;

/// <summary>Local tagging in a real repository (no server).</summary>
public sealed class GitTaggerTests : IDisposable
{
    private readonly GitRepo _repository = Repositories.WithOneCommit();
    private readonly GitTagger _tagger = new(new ToolRunner(Serilog.Core.Logger.None), Serilog.Core.Logger.None);

    [Fact]
    public async Task Creates_an_annotated_tag_on_the_given_commit_with_the_bot_identity_without_touching_git_config()
    {
        var first = _repository.Head;
        _repository.Commit("second");
        var configBefore = File.ReadAllText(Path.Combine(_repository.Path, ".git", "config"));

        var result = await _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0") { Commit = first });

        Assert.Equal(new TagResult("v1.0.0", first, TagOutcome.Created), result);
        Assert.Equal(first, _repository.TagCommit("v1.0.0"));
        var tag = FixtureProcess.Git(_repository.Path, "cat-file", "-p", "v1.0.0").StandardOutput;
        Assert.Contains($"tagger {GitIdentity.Bot.Name} <{GitIdentity.Bot.Email}>", tag);
        Assert.Contains("Release 1.0.0", tag);
        Assert.Equal(configBefore, File.ReadAllText(Path.Combine(_repository.Path, ".git", "config")));
    }

    [Fact]
    public async Task Tags_HEAD_when_no_commit_is_given()
    {
        var result = await _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0"));
        Assert.Equal(_repository.Head, result.Commit);
    }

    [Fact]
    public async Task Existing_lightweight_tag_on_the_same_commit_is_success()
    {
        FixtureProcess.Git(_repository.Path, "tag", "v1.0.0");

        var result = await _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0"));

        Assert.Equal(TagOutcome.AlreadyExistsLocally, result.Outcome);
        Assert.Contains("already exists", result.Summary);
    }

    [Fact]
    public async Task Existing_annotated_tag_on_another_commit_fails_with_both_commits()
    {
        var old = _repository.Head;
        FixtureProcess.Git(_repository.Path, "tag", "-a", "-m", "old", "v1.0.0");
        var head = _repository.Commit("next");

        var error = await Assert.ThrowsAsync<BuildException>(() => _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0")));

        Assert.Contains(old, error.Message);
        Assert.Contains(head, error.Message);
        Assert.Contains("+semver: patch", error.Fix);
        Assert.Contains("git tag -d v1.0.0", error.Fix);
    }

    [Fact]
    public async Task Unknown_commit_and_invalid_tag_name_fail_with_a_fix()
    {
        var missing = await Assert.ThrowsAsync<BuildException>(() =>
            _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0") { Commit = "0123456789abcdef0123456789abcdef01234567" }));
        var invalid = await Assert.ThrowsAsync<BuildException>(() => _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v 1..0", "1..0")));

        Assert.Contains("CI_COMMIT_SHA", missing.Fix);
        Assert.Contains("TAG_PREFIX", invalid.Fix);
    }

    [Fact]
    public async Task An_unreachable_remote_does_not_stop_local_tagging()
    {
        var result = await _tagger.CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0") { Remote = Path.Combine(_repository.Path, "no-such-remote") });
        Assert.Equal(TagOutcome.Created, result.Outcome);
    }

    public void Dispose() => _repository.Dispose();
}
