using System.Text;

namespace Nuke.Common.Output;

/// <summary>
/// Wraps Console.Out/Error (or any writer) so everything written is masked. Text is held until a line is complete,
/// because a secret written in pieces is only recognizable as a whole line.
/// </summary>
public sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n') FlushLine();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            _line.Append(value);
            if (value.Contains('\n')) FlushLine();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? string.Empty) + NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                inner.Write(masker.Mask(_line.ToString()));
                _line.Clear();
            }
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void FlushLine()
    {
        // Write complete lines, keep a trailing partial line for the next write.
        var text = _line.ToString();
        var end = text.LastIndexOf('\n') + 1;
        inner.Write(masker.Mask(text[..end]));
        _line.Clear().Append(text, end, text.Length - end);
        inner.Flush();
    }
}
