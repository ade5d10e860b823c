using System.Text;
using System.Text.RegularExpressions;

namespace GitLabRelease.Aws;

/// <summary>
/// STS role session names. The SDK drops web identity from its credential chain, silently, when
/// AWS_ROLE_SESSION_NAME does not match this pattern, so the build only ever sets names that do.
/// </summary>
public static partial class SessionName
{
    public const int MaxLength = 64;

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex ValidPattern();

    public static bool IsValid(string? name) => name is not null && ValidPattern().IsMatch(name) && name.All(char.IsAscii);

    /// <summary>e.g. <c>gitlab-group-project-12345</c>; the pipeline id survives truncation so sessions stay traceable in CloudTrail.</summary>
    public static string From(string? projectPath, string? pipelineId)
    {
        var suffix = Sanitize(pipelineId ?? "local");
        var project = Sanitize(string.IsNullOrWhiteSpace(projectPath) ? "build" : projectPath);
        var prefix = "gitlab-" + project;
        var room = MaxLength - suffix.Length - 1;
        if (room < 2) return suffix.Length >= 2 ? suffix[..Math.Min(suffix.Length, MaxLength)] : "gitlab-build";
        if (prefix.Length > room) prefix = prefix[..room].TrimEnd('-');
        return $"{prefix}-{suffix}";
    }

    private static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-' ? c : '-');
        return builder.ToString().Trim('-');
    }
}
