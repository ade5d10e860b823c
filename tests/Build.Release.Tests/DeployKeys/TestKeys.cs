using System.Diagnostics;

namespace Build.Release.Tests.DeployKeys;

/// <summary>A real ed25519 key made by ssh-keygen, with its fingerprint as ssh-keygen reports it (the oracle).</summary>
public sealed record TestKey(string PrivateKey, string PublicKey, string Fingerprint)
{
    public static async Task<TestKey> GenerateAsync(string directory)
    {
        var file = Path.Combine(directory, $"key-{Guid.NewGuid():N}");
        await RunAsync("ssh-keygen", "-t", "ed25519", "-N", "", "-C", "test@example", "-f", file, "-q");
        var fingerprint = (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", file + ".pub")).Split(' ')[1];
        var key = new TestKey(await File.ReadAllTextAsync(file), (await File.ReadAllTextAsync(file + ".pub")).Trim(), fingerprint);
        File.Delete(file);
        File.Delete(file + ".pub");
        return key;
    }

    public static async Task<string> FingerprintOfAsync(string keyFile) =>
        (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", keyFile)).Split(' ')[1];

    /// <summary>"ssh-ed25519 AAAA…" without the comment, which ssh-keygen -y may or may not print.</summary>
    public static string KeyPart(string publicKey) => string.Join(' ', publicKey.Split(' ').Take(2));

    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {error}");
        return output;
    }
}
