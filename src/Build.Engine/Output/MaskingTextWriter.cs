using System.Text;

namespace Nuke.Common.Output;

/// <summary>
/// Wraps Console.Out/Error (or any writer) so everything written is masked (and the parameter and target names
/// libraries mark with <see cref="Spelling"/> are spelled as the command line takes them). A secret may arrive in pieces (several
/// writes, or wrapped over lines), so text that could be the start of a secret is held back until the next write
/// shows whether it is one; everything else is written at once.
/// </summary>
public sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n') Emit();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            _pending.Append(value);
            Emit();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? string.Empty) + NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                inner.Write(masker.Mask(Spelling.Render(_pending.ToString())));
                _pending.Clear();
            }
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void Emit()
    {
        var text = _pending.ToString();
        // A secret is masked as a whole, so the masked text is cut only where no secret can continue.
        var masked = masker.Mask(Spelling.Render(text));
        var held = masker.PossiblePrefixLength(masked);
        if (held >= masked.Length) return;
        inner.Write(masked[..^held]);
        _pending.Clear().Append(masked, masked.Length - held, held);
        inner.Flush();
    }
}
