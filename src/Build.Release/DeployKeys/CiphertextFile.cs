using System.Text;
using Nuke.Common;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// The KMS ciphertext in the repository: either the raw blob or its base64 text, the form
/// <c>aws kms encrypt --query CiphertextBlob --output text</c> prints. The build writes base64 (diffable, no binary in git).
/// </summary>
public static class CiphertextFile
{
    /// <summary>KMS Decrypt accepts a CiphertextBlob of at most 6144 bytes.</summary>
    public const int MaximumCiphertextBytes = 6144;

    // Base64 text of the largest blob, with generous room for line breaks.
    private const long MaximumFileBytes = (MaximumCiphertextBytes + 2) / 3 * 4 * 2;

    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
            throw new BuildException(
                $"The encrypted deploy key {path} does not exist.",
                $"Run {Spelling.Run("CreateDeployKey")} {Spelling.Option("KmsKeyId")} <key id or ARN> once (on a laptop with AWS access) and commit .nuke/deploy-key.enc, or point {Spelling.Parameter("DeployKeyFile")} at the file.");
        var length = new FileInfo(path).Length;
        if (length > MaximumFileBytes)
            throw TooLarge(path, length);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
            throw new BuildException(
                $"The encrypted deploy key {path} is empty.",
                $"Re-create it with {Spelling.Run("CreateDeployKey", "Force")} and commit it.");
        var ciphertext = TryDecodeBase64(bytes) ?? bytes;
        if (ciphertext.Length > MaximumCiphertextBytes) throw TooLarge(path, ciphertext.Length);
        return ciphertext;
    }

    // Refused before any AWS call: KMS would only reject it after the upload, and a huge file is not a deploy key.
    private static BuildException TooLarge(string path, long bytes) => new(
        $"The encrypted deploy key {path} is {bytes} bytes, more than a KMS ciphertext can be ({MaximumCiphertextBytes} bytes), so it is not sent to KMS.",
        $"Point DeployKeyFile ({Spelling.Parameter("DeployKeyFile")}) at the file CreateDeployKey wrote (.nuke/deploy-key.enc), or re-create it with {Spelling.Run("CreateDeployKey", "Force")}.");

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
