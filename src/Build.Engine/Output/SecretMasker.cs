using System.Text;
using System.Text.Json;

namespace Nuke.Common.Output;

/// <summary>
/// Replaces every registered secret with [REDACTED]. The host owns one instance and routes every line the
/// build prints or logs through it; integrations register secrets they learn at runtime (a decrypted key,
/// an ID token) as soon as they hold them, before anything could print them.
/// </summary>
/// <remarks>
/// A secret is also masked in the forms tools print it in: base64 (at any byte offset, so inside a longer blob),
/// base64url, URL-encoded and JSON-escaped, each line of a multi-line secret on its own, and wrapped: a line break
/// (with indentation) anywhere inside it does not hide it.
/// </remarks>
public sealed class SecretMasker
{
    public const string Redacted = "[REDACTED]";

    // Secrets shorter than this would mask ordinary words and numbers; such values are not secrets worth the noise.
    private const int MinimumLength = 4;

    // Encoded or wrapped forms shorter than this match too much by chance (a base64 fragment of a short secret).
    private const int MinimumDerivedLength = 8;

    private readonly Lock _gate = new();
    private string[] _secrets = [];
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);

    /// <summary>The registered values themselves (not their derived forms): what must never reach a child's environment.</summary>
    public IReadOnlyCollection<string> Registered
    {
        get { lock (_gate) return _registered.ToArray(); }
    }

    /// <summary>The longest text a secret (or one of its forms) can span: how much a streaming writer must hold back.</summary>
    public int LongestForm { get; private set; }

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength) return;
        lock (_gate)
        {
            if (!_registered.Add(secret)) return;
            var parts = new HashSet<string>(_secrets, StringComparer.Ordinal) { secret };
            var values = new List<string> { secret };
            // A multi-line secret (a private key) may be printed one line at a time: mask each line too.
            foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (line.Length >= MinimumLength && parts.Add(line)) values.Add(line);
            foreach (var value in values)
                foreach (var form in EncodedForms(value))
                    if (form.Length >= MinimumDerivedLength) parts.Add(form);
            // Longest first, so a secret is masked before a shorter one inside it. Array.Sort, not LINQ's OrderBy,
            // whose sort map is generic code over int that ReadyToRun leaves to the JIT on every run.
            var sorted = parts.ToArray();
            Array.Sort(sorted, static (a, b) => b.Length.CompareTo(a.Length));
            _secrets = sorted;
            LongestForm = _secrets.Length == 0 ? 0 : _secrets[0].Length * 3;
        }
    }

    public string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        var secrets = _secrets;
        foreach (var secret in secrets)
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        if (text.Contains('\n')) text = MaskWrapped(text, secrets);
        return text;
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a secret continued by the
    /// next write; a streaming writer holds them back until it knows.
    /// </summary>
    public int PossiblePrefixLength(string text)
    {
        var secrets = _secrets;
        if (secrets.Length == 0 || text.Length == 0) return 0;
        var longest = 0;
        foreach (var secret in secrets)
        {
            var first = secret[0];
            var window = Math.Min(text.Length, secret.Length * 2);
            for (var start = text.Length - window; start < text.Length; start++)
            {
                if (text[start] != first || text.Length - start <= longest) continue;
                if (IsPrefixIgnoringBreaks(text, start, secret)) { longest = text.Length - start; break; }
            }
        }
        return longest;
    }

    private static bool IsPrefixIgnoringBreaks(string text, int start, string secret)
    {
        var j = 0;
        var afterBreak = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n') { afterBreak = true; continue; }
            if (afterBreak && c is ' ' or '\t') continue;
            afterBreak = false;
            if (j >= secret.Length || secret[j] != c) return false;
            j++;
        }
        return j < secret.Length;
    }

    /// <summary>The forms a value takes when a tool encodes it: base64 at each byte alignment, base64url, URL and JSON escaping.</summary>
    internal static IEnumerable<string> EncodedForms(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        for (var offset = 0; offset < 3; offset++)
        {
            // Encoded after `offset` unknown bytes, the value's own characters start after the first partial group
            // and end before the last one: only that middle part is certain.
            var padded = new byte[offset + bytes.Length];
            bytes.CopyTo(padded, offset);
            var encoded = Convert.ToBase64String(padded);
            var skip = offset == 0 ? 0 : 4;
            var total = offset + bytes.Length;
            var keep = total % 3 == 0 ? encoded.Length : (total / 3) * 4;
            if (keep > skip)
            {
                var middle = encoded[skip..keep];
                yield return middle;
                yield return middle.Replace('+', '-').Replace('/', '_');
            }
        }
        var whole = Convert.ToBase64String(bytes);
        yield return whole;
        yield return whole.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return Uri.EscapeDataString(value);
        yield return JsonEncodedText.Encode(value).ToString();
        // System.Text.Json escapes more than other serializers do; the minimal escaping is what most tools print.
        yield return value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
        yield return value.Replace("/", "\\/");
    }

    /// <summary>
    /// Masks secrets a tool wrapped over lines: the text is searched with its line breaks (and the indentation after
    /// them) left out, and each hit is replaced in the original text, breaks included.
    /// </summary>
    private static string MaskWrapped(string text, string[] secrets)
    {
        var stripped = new System.Text.StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var afterBreak = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n') { afterBreak = true; continue; }
            if (afterBreak && c is ' ' or '\t') continue;
            afterBreak = false;
            stripped.Append(c);
            map.Add(i);
        }
        var flat = stripped.ToString();
        var spans = new List<(int Start, int End)>();
        foreach (var secret in secrets)
        {
            if (secret.Length < 16 || secret.Contains('\n')) continue;
            for (var at = flat.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = flat.IndexOf(secret, at + secret.Length, StringComparison.Ordinal))
                spans.Add((map[at], map[at + secret.Length - 1] + 1));
        }
        if (spans.Count == 0) return text;
        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (var (spanStart, spanEnd) in spans.OrderBy(s => s.Start))
        {
            if (spanEnd <= position) continue;
            var from = Math.Max(spanStart, position);
            result.Append(text, position, from - position).Append(Redacted);
            position = spanEnd;
        }
        return result.Append(text, position, text.Length - position).ToString();
    }
}
