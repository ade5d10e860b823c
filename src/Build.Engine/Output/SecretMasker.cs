namespace Nuke.Common.Output;

/// <summary>
/// Replaces every registered secret with [REDACTED]. The host owns one instance and routes every line the
/// build prints or logs through it; integrations register secrets they learn at runtime (a decrypted key,
/// an ID token) as soon as they hold them, before anything could print them.
/// </summary>
public sealed class SecretMasker
{
    public const string Redacted = "[REDACTED]";

    // Secrets shorter than this would mask ordinary words and numbers; such values are not secrets worth the noise.
    private const int MinimumLength = 4;

    private readonly Lock _gate = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength) return;
        lock (_gate)
        {
            var parts = new HashSet<string>(_secrets, StringComparer.Ordinal) { secret };
            // A multi-line secret (a private key) may be printed one line at a time: mask each line too.
            foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (line.Length >= MinimumLength) parts.Add(line);
            _secrets = parts.OrderByDescending(s => s.Length).ToArray();
        }
    }

    public string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        var secrets = _secrets;
        foreach (var secret in secrets)
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return text;
    }
}
