namespace GitLabRelease.Preflight;

/// <summary>One line of the Preflight checklist: what was checked, whether it passed, what was seen, and the fix when it failed.</summary>
public sealed record PreflightCheck(string Name, bool Ok, string Detail, string? Fix = null)
{
    public static PreflightCheck Pass(string name, string detail) => new(name, true, detail);

    public static PreflightCheck Fail(string name, string detail, string? fix) => new(name, false, detail, fix);
}
