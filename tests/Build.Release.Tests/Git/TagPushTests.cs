using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Release.Tests.Ssh;
using Fixtures.Ssh;

namespace Release.Tests.Git;

/// <summary>Tag and push end to end: the tag arrives, reruns and races succeed, conflicts fail with both commits.</summary>
[Collection(SshdCollection.Name)]
public sealed class TagPushTests(SshdFixture fixture) : TagPushTestBase(fixture)
{
    [Fact]
    public async Task Tag_arrives_on_the_server_at_the_tagged_commit_with_ci_skip()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        var commit = repository.Head;

        var tagged = await TagAsync(repository, "v1.2.3", null, new TagRequest(repository.Path, "v1.2.3", "1.2.3") { Tagger = new GitIdentity("Jane Doe", "jane@example.invalid") });
        var pushed = await PushAsync(Request(repository, "v1.2.3", project));

        Assert.Equal(TagOutcome.Created, tagged.Outcome);
        Assert.Equal(PushOutcome.Pushed, pushed.Outcome);
        Assert.Equal(commit, Server.TagCommit(project, "v1.2.3"));
        Assert.Equal(["ci.skip"], Server.PushOptions(project));
        var tagObject = FixtureProcess.Git(Server.ProjectPath(project), "cat-file", "-p", "refs/tags/v1.2.3").StandardOutput;
        Assert.Contains("type commit", tagObject);
        Assert.Contains("tagger Jane Doe <jane@example.invalid>", tagObject);
        Assert.Contains("Release 1.2.3", tagObject);
        // Only the tag travelled; origin and branches are untouched.
        Assert.Equal(["v1.2.3"], Server.Tags(project));
        Assert.Empty(FixtureProcess.Git(Server.ProjectPath(project), "branch", "--list").StandardOutput.Trim());
        Assert.Empty(FixtureProcess.Git(repository.Path, "remote").StandardOutput.Trim());
    }

    [Fact]
    public async Task Rerun_is_a_no_op_success()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v2.0.0");
        await PushAsync(Request(repository, "v2.0.0", project));

        var retag = await TagAsync(repository, "v2.0.0");
        var repush = await PushAsync(Request(repository, "v2.0.0", project));

        Assert.Equal(TagOutcome.AlreadyExistsLocally, retag.Outcome);
        Assert.Equal(PushOutcome.AlreadyOnRemote, repush.Outcome);
        Assert.Equal(repository.Head, Server.TagCommit(project, "v2.0.0"));
    }

    [Fact]
    public async Task Fresh_clone_of_a_rerun_finds_the_tag_on_the_remote()
    {
        var project = Fixture.NewProject();
        var first = NewRepository();
        await TagAsync(first, "v2.1.0");
        await PushAsync(Request(first, "v2.1.0", project));
        var second = CloneOf(first);
        var env = PushEnvironment();

        var tagged = await TagAsync(second, "v2.1.0", null, new TagRequest(second.Path, "v2.1.0", "2.1.0") { Remote = Server.SshUrl(project), RemoteEnvironment = env });
        var pushed = await PushAsync(Request(second, "v2.1.0", project));

        Assert.Equal(TagOutcome.AlreadyExistsOnRemote, tagged.Outcome);
        Assert.Equal(first.Head, second.TagCommit("v2.1.0"));
        Assert.Equal(PushOutcome.AlreadyOnRemote, pushed.Outcome);
    }

    [Fact]
    public async Task Tag_on_another_commit_on_the_remote_fails_with_both_commits()
    {
        var project = Fixture.NewProject();
        var first = NewRepository();
        var oldCommit = first.Head;
        await TagAsync(first, "v3.0.0");
        await PushAsync(Request(first, "v3.0.0", project));
        var second = CloneOf(first);
        var newCommit = second.Commit("next change");

        // The tagger sees the conflict when it may look at the remote...
        var atTag = await Assert.ThrowsAsync<BuildException>(() => TagAsync(second, "v3.0.0", null,
            new TagRequest(second.Path, "v3.0.0", "3.0.0") { Remote = Server.SshUrl(project), RemoteEnvironment = PushEnvironment() }));
        // ...and the pusher when it may not.
        await TagAsync(second, "v3.0.0");
        var atPush = await Assert.ThrowsAsync<BuildException>(() => PushAsync(Request(second, "v3.0.0", project)));

        foreach (var error in new[] { atTag, atPush })
        {
            Assert.Contains(oldCommit, error.Message);
            Assert.Contains(newCommit, error.Message);
            Assert.Contains("+semver: patch", error.Fix);
        }
        Assert.Equal(oldCommit, Server.TagCommit(project, "v3.0.0"));
    }

    [Fact]
    public async Task Known_hosts_may_come_as_a_file_like_a_GitLab_File_variable()
    {
        var project = Fixture.NewProject();
        var repository = NewRepository();
        await TagAsync(repository, "v4.2.0");
        var file = Path.Combine(repository.Path, "..", "kh-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(file, "# pinned\n" + Server.KnownHostsLine + "\n");
        try
        {
            var pushed = await PushAsync(Request(repository, "v4.2.0", project, knownHosts: file));
            Assert.Equal(PushOutcome.Pushed, pushed.Outcome);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Two_concurrent_pushes_of_the_same_tag_for_the_same_commit_both_succeed()
    {
        var project = Fixture.NewProject();
        Server.SetHookDelay(project, TimeSpan.FromSeconds(1));
        var first = NewRepository();
        var second = CloneOf(first);
        // Two pipelines, two tag objects (own timestamps and taggers) for the same commit.
        await TagAsync(first, "v9.0.0", null, new TagRequest(first.Path, "v9.0.0", "9.0.0") { Tagger = new GitIdentity("A", "a@example.invalid") });
        await TagAsync(second, "v9.0.0", null, new TagRequest(second.Path, "v9.0.0", "9.0.0") { Tagger = new GitIdentity("B", "b@example.invalid") });

        var results = await Task.WhenAll(PushAsync(Request(first, "v9.0.0", project)), PushAsync(Request(second, "v9.0.0", project)));

        Assert.Equal(first.Head, Server.TagCommit(project, "v9.0.0"));
        Assert.Single(results, r => r.Outcome == PushOutcome.Pushed);
        Assert.Single(results, r => r.Outcome == PushOutcome.AlreadyOnRemote);
    }

    [Fact]
    public async Task Two_concurrent_pushes_of_the_same_tag_for_different_commits_leave_one_winner()
    {
        var project = Fixture.NewProject();
        Server.SetHookDelay(project, TimeSpan.FromSeconds(1));
        var first = NewRepository();
        var second = CloneOf(first);
        second.Commit("diverging change");
        await TagAsync(first, "v9.1.0");
        await TagAsync(second, "v9.1.0");

        var pushes = new[] { PushAsync(Request(first, "v9.1.0", project)), PushAsync(Request(second, "v9.1.0", project)) };
        var outcomes = await Task.WhenAll(pushes.Select(async p => { try { await p; return (Exception?)null; } catch (BuildException e) { return e; } }));

        var winner = Server.TagCommit(project, "v9.1.0");
        var loser = Assert.Single(outcomes, o => o is not null)!;
        Assert.Contains(winner!, loser.Message);
        Assert.Contains(winner == first.Head ? second.Head : first.Head, loser.Message);
    }
}
