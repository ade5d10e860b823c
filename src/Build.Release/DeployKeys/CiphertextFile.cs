using System.Text;
using Nuke.Common;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// The KMS ciphertext in the repository: either the raw blob or its base64 text, the form
/// <c>aws kms encrypt --query CiphertextBlob --output text</c> prints. The build writes base64 (diffable, no binary in git).
/// </summary>
public static class CiphertextFile
{
    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
            throw new BuildException(
                $"The encrypted deploy key {path} does not exist.",
                "Run ./build.sh CreateDeployKey --kms-key-id <key id or ARN> once (on a laptop with AWS access) and commit .nuke/deploy-key.enc, or point --deploy-key-file / DEPLOY_KEY_FILE at the file.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
            throw new BuildException(
                $"The encrypted deploy key {path} is empty.",
                "Re-create it with ./build.sh CreateDeployKey --force and commit it.");
        return TryDecodeBase64(bytes) ?? bytes;
    }

    public static void Write(string path, byte[] ciphertext)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Convert.ToBase64String(ciphertext) + "\n");
    }

    /// <summary>A KMS blob is binary and almost never valid base64 text, so a successful decode means a text file.</summary>
    private static byte[]? TryDecodeBase64(byte[] bytes)
    {
        if (bytes.Any(b => b > 0x7F)) return null;
        var text = Encoding.ASCII.GetString(bytes);
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length == 0 || compact.Length % 4 != 0) return null;
        var buffer = new byte[compact.Length];
        return Convert.TryFromBase64String(compact, buffer, out var written) ? buffer[..written] : null;
    }
}
