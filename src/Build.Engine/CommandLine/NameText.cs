using System.Text;

namespace Nuke.Common.CommandLine;

/// <summary>Spellings of member names: kebab-case options, UPPER_SNAKE variables, and the lenient form names are matched in.</summary>
internal static class NameText
{
    public static string ToKebabCase(string name) => Split(name, '-').ToLowerInvariant();

    public static string ToUpperSnakeCase(string name) => Split(name, '_').ToUpperInvariant();

    /// <summary>Case and dashes/underscores ignored: "--Kms-Key-Id", "KMS_KEY_ID" and "KmsKeyId" all match.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            if (c != '-' && c != '_') builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    private static string Split(string name, char separator)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    builder.Append(separator);
            }
            builder.Append(c == '-' || c == '_' ? separator : c);
        }
        return builder.ToString();
    }
}
