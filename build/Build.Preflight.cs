using Build.Engine;
using Build.Release.DeployKeys;
using Build.Release.Preflight;

namespace BuildScript;

partial class Build
{
    Target Preflight => _ => _
        .Description("Onboarding: check the release setup without changing anything (AWS, KMS, fingerprint, host keys, push access)")
        .Executes(async () =>
        {
            var checks = new List<PreflightCheck>();
            var aws = StartAwsSession();
            DecryptedDeployKey? key = null;
            try
            {
                var context = DeployKeyContext ?? EncryptionContext.Default(await GetProjectPathAsync());
                key = await new DeployKeyDecryptor(aws.Options, Secrets, Log)
                    .DecryptAsync(new(DeployKeyFile, KmsKeyId, context, DeployKeyFingerprint), aws.Session, CancellationToken);
                RegisterCleanup(key);
                checks.Add(PreflightCheck.Pass("AWS credentials resolve and the deploy key decrypts", $"{DeployKeyFile.Name} with context {context}"));
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
            checks.Add(await ssh.CheckHostKeysAsync(ReleasePushUrl, SshKnownHosts, cancellationToken: CancellationToken));
            checks.Add(key is null
                ? PreflightCheck.Fail(SshPreflight.PushAccessCheck, "not tried: the deploy key did not decrypt", "Fix the decrypt check first.")
                : await ssh.CheckKeyMayPushAsync(RootDirectory, TagName, ReleasePushUrl, key.KeyFile, SshKnownHosts,
                    key.Fingerprint, GitLab.CommitSha, CancellationToken));

            foreach (var check in checks)
            {
                Log.Information("{Mark:l} {Name:l}: {Detail:l}", check.Ok ? "[x]" : "[ ]", check.Name, check.Detail);
                if (!check.Ok && check.Fix is not null) Log.Information("      Fix: {Fix:l}", check.Fix);
            }
            var failed = checks.Count(c => !c.Ok);
            if (failed > 0)
                throw new BuildException($"Preflight: {failed} of {checks.Count} checks failed.", "Apply the fixes listed above, then run ./build.sh Preflight again.");
        });
}
