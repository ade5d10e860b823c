namespace Nuke.Common;

/// <summary>
/// A failure the user can act on: <see cref="Exception.Message"/> names the cause, <see cref="Fix"/> the remedy.
/// The executor prints both and no stack trace, because a stack trace helps nobody fix a GitLab setting. Parameters
/// and targets a library names with <see cref="Spelling"/> are spelled here, as the command line takes them.
/// </summary>
public class BuildException(string cause, string? fix = null, Exception? inner = null) : Exception(Spelling.Render(cause), inner)
{
    public string? Fix { get; } = fix is null ? null : Spelling.Render(fix);

    public override string ToString() => Fix is null ? Message : $"{Message}{Environment.NewLine}  Fix: {Fix}";
}
