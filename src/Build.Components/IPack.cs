using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;
using GitLabRelease.Versioning;
using Nuke.Common.IO;

namespace Nuke.Components;

public interface IPack : ICompile
{
    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    /// <summary>Settings hook, as Nuke's: <c>Configure&lt;DotNetPackSettings&gt; IPack.PackSettings => _ => _.EnableIncludeSymbols();</c></summary>
    Configure<DotNetPackSettings> PackSettings => _ => _;

    Target Pack => _ => _
        .Description("Pack the packable projects (the src/ libraries) with the computed version into artifacts/packages")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            // Packages are for publishing: Release unless a configuration was asked for, even on a local run, where
            // Compile defaults to Debug (then pack builds Release itself instead of packing what Compile built).
            var configuration = TryGetValue(() => Configuration) ?? "Release";
            var settings = PackSettings(new DotNetPackSettings()
                .SetProject(SolutionFile)
                .SetProcessWorkingDirectory(RootDirectory)
                .EnableNoLogo()
                .SetConfiguration(configuration)
                .SetOutputDirectory(PackagesDirectory)
                .When(configuration == Configuration, s => s.EnableNoBuild().EnableNoRestore())
                .SetVersionProperties(GitVersion));
            var output = settings.OutputDirectory is { } directory ? AbsolutePath.Resolve(directory, RootDirectory) : PackagesDirectory;
            // Only this version's packages, so a local feed made from the folder cannot pick an older one.
            if (output.DirectoryExists())
                foreach (var old in Directory.GetFiles(output, "*.nupkg")) File.Delete(old);
            await new DotNetCli(Tools, Log).RunAsync(settings, CancellationToken);
            var packages = output.DirectoryExists() ? Directory.GetFiles(output, "*.nupkg").Order(StringComparer.Ordinal).ToList() : [];
            if (packages.Count == 0)
                throw new BuildException($"dotnet pack produced no package in {output}.", "Set <IsPackable>true</IsPackable> on the projects to publish.");
            foreach (var package in packages) Log.Information("Packed {Package:l} ({Configuration:l})", Path.GetFileName(package), settings.Configuration);
        });
}
