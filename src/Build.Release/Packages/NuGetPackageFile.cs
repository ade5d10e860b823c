using System.IO.Compression;
using System.Xml.Linq;
using Nuke.Common;

namespace GitLabRelease.Packages;

/// <summary>A .nupkg on disk with the id and version its .nuspec declares (what a registry files it under).</summary>
public sealed record NuGetPackageFile(string Path, string Id, string Version)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public static NuGetPackageFile Read(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
                ?? throw new BuildException($"{System.IO.Path.GetFileName(path)} has no .nuspec at its root, so it is not a NuGet package.",
                    "Publish what dotnet pack made (artifacts/packages); run the Pack target again.");
            using var stream = entry.Open();
            var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            var (id, version) = (Field("id"), Field("version"));
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version))
                throw new BuildException($"{System.IO.Path.GetFileName(path)}: its .nuspec names no id or version.", "Run the Pack target again.");
            return new NuGetPackageFile(path, id, version);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            throw new BuildException($"{System.IO.Path.GetFileName(path)} cannot be read as a NuGet package: {e.Message}", "Run the Pack target again.", e);
        }
    }
}
