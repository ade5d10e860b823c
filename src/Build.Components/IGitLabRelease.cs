using Nuke.Components;
using Nuke.Common;
using GitLabRelease.DeployKeys;
using GitLabRelease.Git;
using GitLabRelease.Preflight;
using GitLabRelease.ReleaseNotes;
using Nuke.Common.IO;


namespace GitLabRelease.Components;

/// <summary>
/// Releases from green default-branch pipelines: Tag (TagPrefix + SemVer on the tested commit) triggers Push (over SSH with
/// the deploy key, host keys pinned, or over HTTPS with the CI job token; -o ci.skip), which triggers Release (the GitLab Release with the notes); the pipeline
/// the pushed tag starts skips everything.
/// </summary>
public interface IGitLabRelease : ITest, IDeployKey, IRelease
{
    [Parameter("How Push authenticates: auto (the deploy key when .nuke/deploy-key.enc exists, else the CI job token in a GitLab pipeline), deploy-key, or job-token (GitLab 18.4+, HTTPS to $CI_SERVER_URL/$CI_PROJECT_PATH.git)")]
    PushMode PushWith => TryGetValue<PushMode?>(() => PushWith) ?? PushMode.Auto;

    /// <summary>What PushWith means in this run: auto becomes one of the two strategies.</summary>
    PushModeSelection PushSelection => PushModeSelection.Resolve(PushWith, DeployKeyCiphertext.FileExists(), GitLab.IsGitLabCi);

    /// <summary>The strategy Push and Preflight use; the release library only sees the transport it makes.</summary>
    IPushCredential PushCredential => PushSelection.Mode == PushMode.JobToken
        ? new JobTokenPushCredential(GitLab)
        : new DeployKeyPushCredential(GetPushUrlAsync, () => DecryptedKey.Key, SshKnownHosts, DeployKeyFingerprint);

    bool IDeployKey.UsesDeployKey => PushSelection.Mode == PushMode.DeployKey;
    string IDeployKey.DeployKeyUnusedReason => $"the push uses the CI job token ({PushSelection.Reason})";

    [Parameter("SSH URL the release tag is pushed to (deploy-key mode); default ssh://git@HOST[:PORT]/$CI_PROJECT_PATH.git, HOST = $CI_SERVER_SHELL_SSH_HOST (else $CI_SERVER_HOST), :PORT = $CI_SERVER_SHELL_SSH_PORT unless empty or 22")]
    string? PushUrl => TryGetValue(() => PushUrl);

    [Parameter("GitLab's SSH host keys (known_hosts lines, or a path to such a file); the push refuses any other host key")]
    string? SshKnownHosts => TryGetValue(() => SshKnownHosts);

    [Parameter("Let a local run (not a pipeline) decrypt the deploy key and push the release tag; pipelines push without it")]
    bool PushFromLaptop => TryGetValue<bool?>(() => PushFromLaptop) ?? false;

    string TagName => TagPrefix + GitVersion.SemVer;
    string IRelease.ReleaseTag => TagName;
    string ReleasePushUrl => PushUrl ?? PipelinePushUrl;

    /// <summary>GitLab's SSH endpoint for the pipeline's project, as the GitLab host reports it.</summary>
    string PipelinePushUrl => GitLabPushUrl.Build(GitLab.SshHost,
        GitLab.ServerShellSshPort?.ToString(System.Globalization.CultureInfo.InvariantCulture), GitLab.ProjectPath);

    /// <summary>PushUrl, else GitLab's SSH endpoint for the project: from CI_* in a pipeline, from origin on a laptop.</summary>
    async Task<string> GetPushUrlAsync()
    {
        if (PushUrl is { } explicitUrl) return explicitUrl;
        if (GitLab.IsGitLabCi) return PipelinePushUrl;
        var origin = await GitLabOrigin.ReadAsync(RootDirectory, Tools, CancellationToken);
        return origin?.PushUrl ?? PipelinePushUrl;
    }

    const string LaptopDoesNotPush = "a local run tags locally and pushes nothing; to release from this machine pass --push-from-laptop "
        + "(or PUSH_FROM_LAPTOP=true); release pipelines push without it";

    /// <summary>Set once per run: a newer commit of the default branch already carries a release tag.</summary>
    Superseded? SupersededBy
    {
        get
        {
            if (State.Get<SupersededState>() is { } known) return known.By;
            Superseded? found = null;
            if (GitLab.IsDefaultBranchPipeline)
                found = Task.Run(() => new SupersededCheck(Tools, Log).FindAsync(RootDirectory, GitLab.CommitSha ?? "HEAD", TagPrefix, "origin",
                    cancellationToken: CancellationToken)).GetAwaiter().GetResult();
            if (found is not null) Log.Information("This pipeline's commit is {Reason:l}: nothing to release.", found.Reason);
            State.Set(new SupersededState(found));
            return found;
        }
    }

    bool IDeployKey.DeployKeyNeeded => SupersededBy is null;
    string IDeployKey.DeployKeyNotNeededReason => SupersededBy?.Reason ?? "not needed";

    // Releases come only from green default-branch pipelines; a laptop may tag to try the flow.
    bool IsReleasePipeline => IsLocalBuild || GitLab.IsDefaultBranchPipeline;
    string NotReleasePipeline => $"not a default-branch push pipeline (branch {GitLab.CommitRefName ?? "?"}, "
        + $"default {GitLab.DefaultBranch ?? "?"}, source {GitLab.PipelineSource ?? "?"})";

    // A pushed release tag starts a tag pipeline; skipping the whole graph there is what stops a loop of pipelines.
    string? INukeBuild.SkipAllReason => GitLab.TagPipelineSkipReason;

    Target Tag => _ => _
        .Description("Create the release tag (TagPrefix + SemVer, annotated) on the tested commit; triggers Push")
        .DependsOn<ITest>(x => x.Test)
        .DependsOn<IHazGitVersion>(x => x.Version)
        .OnlyWhenStatic(() => IsReleasePipeline, () => NotReleasePipeline)
        // Out-of-order pipelines: an older commit's release after a newer one's has nothing to add, and is a success.
        .OnlyWhenDynamic(() => SupersededBy == null, () => SupersededBy!.Reason)
        .Triggers<IGitLabRelease>(x => x.Push)
        .Executes(async () =>
        {
            var notes = await WriteReleaseNotesAsync();
            var result = await new GitTagger(Tools, Log).CreateTagAsync(new TagRequest(RootDirectory, TagName, GitVersion.SemVer)
            {
                Message = notes.TagMessage(GitVersion.SemVer),
                Commit = GitLab.CommitSha,
                Tagger = GitIdentity.FromGitLab(GitLab.UserName, GitLab.UserEmail),
                Remote = "origin",
            }, CancellationToken);
            Log.Information("{Summary:l}", result.Summary);
        });

    AbsolutePath ReleaseNotesFile => ArtifactsDirectory / "release-notes.md";

    /// <summary>The notes for (previous release tag, this commit], also written to artifacts/release-notes.md.</summary>
    async Task<GitLabRelease.ReleaseNotes.ReleaseNotes> WriteReleaseNotesAsync()
    {
        var notes = await new ReleaseNotesCollector(Tools, Log).CollectAsync(
            new ReleaseNotesRequest(RootDirectory, TagName, TagPrefix) { Commit = GitLab.CommitSha }, CancellationToken);
        Directory.CreateDirectory(ArtifactsDirectory);
        await File.WriteAllTextAsync(ReleaseNotesFile, notes.Markdown, CancellationToken);
        State.Set(notes);
        Log.Information("Release notes for {Tag:l} ({Previous:l}):\n{Notes:l}", TagName, notes.PreviousTag ?? "first release", notes.Markdown);
        return notes;
    }

    Target Push => _ => _
        .Description("Push the release tag to GitLab with -o ci.skip: over SSH with the deploy key (host keys pinned), or over HTTPS with the CI job token (PushWith)")
        .DependsOn<IDeployKey>(x => x.DecryptDeployKey)
        .DependsOn<IGitLabRelease>(x => x.Tag)
        .OnlyWhenStatic(() => IsReleasePipeline, () => NotReleasePipeline)
        .OnlyWhenStatic(() => HasReleaseSetup, NoReleaseSetup)
        .OnlyWhenStatic(() => IsServerBuild || PushFromLaptop, LaptopDoesNotPush)
        .OnlyWhenDynamic(() => SupersededBy == null, () => SupersededBy!.Reason)
        .Triggers<IRelease>(x => x.Release)
        .Executes(async () =>
        {
            var selection = PushSelection;
            Log.Information("Pushing with {Credential:l} ({Reason:l})", selection.Name, selection.Reason);
            if (selection.Mode == PushMode.JobToken && (PushUrl is not null || SshKnownHosts is not null))
                Log.Warning("PushUrl and SshKnownHosts apply to deploy-key pushes only; the job token goes to $CI_SERVER_URL/$CI_PROJECT_PATH.git and nowhere else.");
            var transport = await PushCredential.CreateTransportAsync(CancellationToken);
            var result = await new TagPusher(Tools, Log).PushAsync(new PushRequest(RootDirectory, TagName, transport), CancellationToken);
            Log.Information("{Summary:l}", result.Summary);
            State.Set(result);
        });

    Target Preflight => _ => _
        .Description("Onboarding: check the release setup without changing anything (deploy key: AWS, KMS, fingerprint, host keys, push access; job token: push access)")
        .Executes(async () =>
        {
            var selection = PushSelection;
            Log.Information("Push with {Credential:l} ({Reason:l})", selection.Name, selection.Reason);
            var checks = selection.Mode == PushMode.JobToken ? await JobTokenChecksAsync() : await DeployKeyChecksAsync();

            foreach (var check in checks)
            {
                Log.Information("{Mark:l} {Name:l}: {Detail:l}", check.Ok ? "[x]" : "[ ]", check.Name, check.Detail);
                if (!check.Ok && check.Fix is not null) Log.Information("      Fix: {Fix:l}", check.Fix);
            }
            var failed = checks.Count(c => !c.Ok);
            if (failed > 0)
                throw new BuildException($"Preflight: {failed} of {checks.Count} checks failed.", "Apply the fixes listed above, then run ./build.sh Preflight again.");
        });

    /// <summary>Job-token mode: the token and URL are there, and a dry-run push with the token is accepted.</summary>
    async Task<List<PreflightCheck>> JobTokenChecksAsync()
    {
        IPushTransport? transport = null;
        var checks = new List<PreflightCheck>();
        try
        {
            transport = await PushCredential.CreateTransportAsync(CancellationToken);
            checks.Add(PreflightCheck.Pass("Job token and push URL", ((JobTokenTransport)transport).RepositoryUrl.AbsoluteUri + " as " + JobTokenCredential.User));
        }
        catch (BuildException e)
        {
            checks.Add(PreflightCheck.Fail("Job token and push URL", e.Message, e.Fix));
        }
        checks.Add(transport is null
            ? PreflightCheck.Fail(JobTokenPushCredential.CheckName, "not tried: no job token or push URL", "Fix the job token check first.")
            : await new PushAccessPreflight(Tools, Log).CheckAsync(JobTokenPushCredential.CheckName, RootDirectory, TagName, transport, GitLab.CommitSha, CancellationToken));
        return checks;
    }

    /// <summary>Deploy-key mode: AWS and KMS decrypt the key, its fingerprint is pinned, the host keys match, a dry-run push is accepted.</summary>
    async Task<List<PreflightCheck>> DeployKeyChecksAsync()
    {
        var checks = new List<PreflightCheck>();
        DecryptedDeployKey? key = null;
        try
        {
            key = await DecryptAsync(StartAwsSession());
            checks.Add(PreflightCheck.Pass("AWS credentials resolve and the deploy key decrypts",
                $"{DeployKeyCiphertext.Name} with context {DeployKeyContext ?? EncryptionContext.Default(await GetProjectPathAsync())}"));
            checks.Add(DeployKeyFingerprint is null
                ? PreflightCheck.Fail("Deploy key fingerprint pinned", $"{key.Fingerprint} (DEPLOY_KEY_FINGERPRINT is not set)",
                    $"Set DeployKeyFingerprint to {key.Fingerprint} in .nuke/parameters.json so a swapped key stops the push.")
                : PreflightCheck.Pass("Deploy key fingerprint pinned", key.Fingerprint));
        }
        catch (BuildException e)
        {
            checks.Add(PreflightCheck.Fail("AWS credentials resolve and the deploy key decrypts", e.Message, e.Fix));
        }

        var ssh = new SshPreflight(Tools, Log);
        string? pushUrl = null;
        try
        {
            pushUrl = await GetPushUrlAsync();
            checks.Add(PreflightCheck.Pass("Push URL", pushUrl));
        }
        catch (BuildException e)
        {
            var origin = await GitLabOrigin.ReadAsync(RootDirectory, Tools, CancellationToken);
            checks.Add(PreflightCheck.Fail("Push URL", e.Message, origin is null
                ? e.Fix
                : $"Set PushUrl (--push-url / PUSH_URL) to {origin.PushUrl} (derived from origin), or run Preflight in a pipeline (the manual preflight job)."));
        }
        checks.Add(pushUrl is null
            ? PreflightCheck.Fail(SshPreflight.HostKeysCheck, "not tried: no push URL", "Fix the push URL check first.")
            : await ssh.CheckHostKeysAsync(pushUrl, SshKnownHosts, cancellationToken: CancellationToken));
        checks.Add(key is null || pushUrl is null
            ? PreflightCheck.Fail(SshPreflight.PushAccessCheck, key is null ? "not tried: the deploy key did not decrypt" : "not tried: no push URL",
                key is null ? "Fix the decrypt check first." : "Fix the push URL check first.")
            : await ssh.CheckKeyMayPushAsync(RootDirectory, TagName, pushUrl, key.Key, SshKnownHosts,
                GitLab.CommitSha, CancellationToken));
        return checks;
    }
}

/// <summary>Whether this run's commit was found superseded (computed once, on first need).</summary>
internal sealed record SupersededState(Superseded? By);
