using Fixtures.Git;
using Fixtures.Ssh;
using GitLabRelease.Git;
using GitLabRelease.ReleaseNotes;
using Nuke.Common.Tooling;

namespace Release.Tests.ReleaseNotes;

/// <summary>Release notes collected from real repositories built by the test.</summary>
public sealed class ReleaseNotesTests : IDisposable
{
    private static readonly ToolRunner Runner = new(Serilog.Core.Logger.None);
    private readonly GitRepo _repository = GitRepo.Init();
    private readonly ReleaseNotesCollector _collector = new(Runner, Serilog.Core.Logger.None);

    private Task<GitLabRelease.ReleaseNotes.ReleaseNotes> Collect(string tag = "v1.1.0", string? commit = null) =>
        _collector.CollectAsync(new ReleaseNotesRequest(_repository.Path, tag, "v") { Commit = commit });

    private static string Short(string sha) => sha[..8];

    [Fact]
    public async Task Groups_the_commits_since_the_previous_release_by_conventional_type_with_sha_and_merge_request()
    {
        _repository.Commit("feat: before the last release");
        _repository.Tag("v1.0.0", annotation: "Release 1.0.0");
        var chore = _repository.Commit("chore: tidy up");
        _repository.CreateBranch("feature");
        var feature = _repository.Commit("feat(api): add the widgets endpoint");
        var fix = _repository.Commit("fix: widgets are counted once");
        _repository.Switch("main");
        _repository.Merge("feature", "Merge branch 'feature' into 'main'\n\nfeat(api): widgets\n\nSee merge request group/project!12");
        var bang = _repository.Commit("refactor!: drop the v1 client");
        var footer = _repository.Commit("feat: new config file\n\nBREAKING CHANGE: the old file is ignored");
        var plain = _repository.Commit("Update README\n\nSee merge request group/sub/project!7");

        var notes = await Collect();

        Assert.Equal("v1.0.0", notes.PreviousTag);
        Assert.Equal(
            "## Breaking changes\n\n"
            + $"- new config file ({Short(footer)})\n"
            + $"- drop the v1 client ({Short(bang)})\n"
            + "\n## Features\n\n"
            + $"- **api:** add the widgets endpoint ({Short(feature)}, group/project!12)\n"
            + "\n## Bug fixes\n\n"
            + $"- widgets are counted once ({Short(fix)}, group/project!12)\n"
            + "\n## Other\n\n"
            + $"- Update README ({Short(plain)}, group/sub/project!7)\n"
            + $"- tidy up ({Short(chore)})\n",
            notes.Markdown);
        Assert.DoesNotContain("before the last release", notes.Markdown);
        Assert.DoesNotContain("Merge branch", notes.Markdown);
    }

    [Fact]
    public async Task A_first_release_lists_everything_up_to_the_commit()
    {
        var first = _repository.Commit("initial");
        var second = _repository.Commit("fix: second");
        _repository.Commit("feat: after the released commit");

        var notes = await Collect("v0.1.0", second);

        Assert.Null(notes.PreviousTag);
        Assert.Equal($"## Bug fixes\n\n- second ({Short(second)})\n\n## Other\n\n- initial ({Short(first)})\n", notes.Markdown);
    }

    [Fact]
    public async Task A_rerun_on_the_tagged_commit_gives_the_same_notes_and_ignores_other_prefixes()
    {
        _repository.Commit("feat: one");
        _repository.Tag("v1.0.0");
        _repository.Commit("feat: two");
        _repository.Tag("other-2.0.0");
        var before = await Collect();
        _repository.Tag("v1.1.0", annotation: "Release 1.1.0");

        var after = await Collect();

        Assert.Equal("v1.0.0", after.PreviousTag);
        Assert.Equal(before.Markdown, after.Markdown);
        Assert.Contains("two", after.Markdown);
    }

    [Fact]
    public async Task No_commits_since_the_previous_release_says_so()
    {
        _repository.Commit("feat: one");
        _repository.Tag("v1.0.0");

        var notes = await Collect();

        Assert.Equal("No changes since v1.0.0.\n", notes.Markdown);
    }

    [Fact]
    public async Task The_tagger_keeps_the_notes_verbatim_in_the_annotated_tag()
    {
        _repository.Commit("feat: one");
        var notes = await Collect("v1.0.0");
        var message = notes.TagMessage("1.0.0");

        await new GitTagger(Runner, Serilog.Core.Logger.None).CreateTagAsync(new TagRequest(_repository.Path, "v1.0.0", "1.0.0") { Message = message });

        var stored = FixtureProcess.Git(_repository.Path, "tag", "-l", "--format=%(contents)", "v1.0.0").StandardOutput;
        Assert.StartsWith("Release 1.0.0\n\n## Features\n\n- one (", stored);
        Assert.Equal(message.TrimEnd('\n'), stored.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("feat: x", ChangeKind.Feature, null, "x")]
    [InlineData("fix(core): y", ChangeKind.Fix, "core", "y")]
    [InlineData("feat(core)!: z", ChangeKind.Breaking, "core", "z")]
    [InlineData("docs: d\n\nBREAKING-CHANGE: yes", ChangeKind.Breaking, null, "d")]
    [InlineData("Fix the thing", ChangeKind.Other, null, "Fix the thing")]
    [InlineData("feat:no space", ChangeKind.Other, null, "feat:no space")]
    [InlineData("Rewrite\n\nBREAKING CHANGE: all of it", ChangeKind.Breaking, null, "Rewrite")]
    [InlineData("chore: c\n\nnot a BREAKING CHANGE: footer", ChangeKind.Other, null, "c")]
    public void Parses_conventional_commit_headers_and_footers(string message, ChangeKind kind, string? scope, string description)
    {
        var commit = ConventionalCommit.Parse(message);
        Assert.Equal((kind, scope, description), (commit.Kind, commit.Scope, commit.Description));
    }

    public void Dispose() => _repository.Dispose();
}
