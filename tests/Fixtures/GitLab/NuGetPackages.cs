using System.IO.Compression;

namespace Fixtures.GitLab;

/// <summary>Small real .nupkg files (a zip with a .nuspec at its root, as dotnet pack writes), made in milliseconds.</summary>
public static class NuGetPackages
{
    public static string Write(string directory, string id, string version)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id}.{version}.nupkg");
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
            writer.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>tests</authors>
                    <description>A package made by the tests.</description>
                  </metadata>
                </package>
                """);
        using (var writer = new StreamWriter(zip.CreateEntry("lib/net10.0/_._").Open())) writer.Write("");
        return path;
    }
}
