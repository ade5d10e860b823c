using Build.Engine;
using Build.Engine.Tooling;

namespace Build.Release.Ssh;

public static class SshKeyFingerprint
{
    /// <summary>The SHA256 fingerprint (SHA256:...) of a key file, as GitLab shows it under Deploy keys.</summary>
    public static async Task<string> OfFileAsync(string keyFile, ToolRunner runner, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new ToolInvocation("ssh-keygen", ["-l", "-E", "sha256", "-f", keyFile])
        {
            LogOutput = false,
            AllowFailure = true,
        }, cancellationToken);
        var fields = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!result.Succeeded || fields.Length < 2)
            throw new BuildException($"Could not read the SSH key file {keyFile}: {ToolRunner.Tail(result.StandardError, 2)}",
                "Run DecryptDeployKey first, or check that DEPLOY_KEY decrypts to an OpenSSH private key.");
        return fields[1];
    }
}
