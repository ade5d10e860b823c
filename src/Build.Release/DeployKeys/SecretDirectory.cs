using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// A fresh 0700 directory outside the work tree (symbolic links resolved) for the rare secret that must be a file
/// (CreateDeployKey's new key, which ssh-keygen can only write to a file), so that nothing secret can be committed,
/// cached by CI or packed into artifacts. It is named like the run's private directory, so a later run sweeps it
/// if this one is killed; disposal overwrites and deletes it.
/// </summary>
public sealed class SecretDirectory : IAsyncDisposable, IDisposable
{
    private readonly RunScratch _scratch;

    private SecretDirectory(RunScratch scratch, string path)
    {
        _scratch = scratch;
        Path = path;
    }

    public string Path { get; }

    /// <summary>tmpfs first: a secret in RAM never reaches a disk, even if cleanup is skipped by SIGKILL.</summary>
    public static IReadOnlyList<string> DefaultCandidates(Func<string, string?> environment) => RunScratch.DefaultCandidates(environment);

    public static SecretDirectory Create(string purpose, string repositoryRoot, IEnumerable<string> candidates)
    {
        var scratch = RunScratch.Create(candidates, repositoryRoot);
        return new SecretDirectory(scratch, scratch.CreateDirectory(purpose));
    }

    /// <summary>Writes a file only the owner can read; it is created with 0600, never widened later.</summary>
    public string WriteFile(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(file, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        return file;
    }

    public void Dispose() => _scratch.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or inside it, symbolic links resolved.</summary>
    internal static bool IsInside(string path, string root) => RealPath.IsInside(path, root);
}
