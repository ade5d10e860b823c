namespace Nuke.Common.IO;

/// <summary>A normalized, fully qualified file-system path; <c>root / "src" / "x.cs"</c> composes paths.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = path;

    public static AbsolutePath Create(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        return new AbsolutePath(Normalize(Path.GetFullPath(path)));
    }

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseDirectory"/> unless it is already absolute.</summary>
    public static AbsolutePath Resolve(string path, string baseDirectory) =>
        Create(Path.IsPathFullyQualified(path) ? path : Path.Combine(baseDirectory, path));

    public static AbsolutePath operator /(AbsolutePath left, string right) => Create(Path.Combine(left._path, right));

    /// <summary>Appends text to the last segment, as Nuke's <c>file + ".bak"</c>.</summary>
    public static AbsolutePath operator +(AbsolutePath left, string right) => Create(left._path + right);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(path))]
    public static implicit operator string?(AbsolutePath? path) => path?._path;

    /// <summary>A rooted path string converts as in Nuke (<c>AbsolutePath p = "/tmp/x";</c>); a relative one throws.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(path))]
    public static implicit operator AbsolutePath?(string? path) => path is null ? null : Create(path);

    public string Name => Path.GetFileName(_path);
    public string NameWithoutExtension => Path.GetFileNameWithoutExtension(_path);
    public string Extension => Path.GetExtension(_path);
    public AbsolutePath? Parent => Path.GetDirectoryName(_path) is { } parent ? new AbsolutePath(parent) : null;
    // Methods, not properties, as in Nuke 7+ (path.FileExists()); the static forms are in FileSystemTasks.
    public bool Exists() => File.Exists(_path) || Directory.Exists(_path);
    public bool FileExists() => File.Exists(_path);
    public bool DirectoryExists() => Directory.Exists(_path);

    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(_path);
        return this;
    }

    public string ReadAllText() => File.ReadAllText(_path);

    public void WriteAllText(string text)
    {
        Parent?.CreateDirectory();
        File.WriteAllText(_path, text);
    }

    public string GetRelativePathTo(AbsolutePath other) => Path.GetRelativePath(_path, other._path);

    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(_path, other._path, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);
    public static bool operator ==(AbsolutePath? left, AbsolutePath? right) => left?.Equals(right) ?? right is null;
    public static bool operator !=(AbsolutePath? left, AbsolutePath? right) => !(left == right);
    public override string ToString() => _path;

    private static string Normalize(string path)
    {
        var root = Path.GetPathRoot(path) ?? string.Empty;
        return path.Length > root.Length ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
    }
}
