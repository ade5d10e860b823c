namespace EndToEnd.Tests.Support;

/// <summary>The repository these tests were built from (holds App.sln).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "App.sln"))) return dir.FullName;
        throw new InvalidOperationException("App.sln not found above " + AppContext.BaseDirectory);
    }
}
