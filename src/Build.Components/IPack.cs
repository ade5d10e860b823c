using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Versioning;
using Nuke.Common.IO;

namespace Nuke.Components;

public interface IPack : ICompile
{
    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    /// <summary>Settings hook: <c>Configure&lt;DotNetPackSettings&gt; IPack.PackSettings => s => s with { ... };</c></summary>
    Configure<DotNetPackSettings> PackSettings => _ => _;

    Target Pack => _ => _
        .Description("Pack the packable projects (the src/ libraries) with the computed version into artifacts/packages")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            // Packages are for publishing: Release unless a configuration was asked for, even on a local run, where
            // Compile defaults to Debug (then pack builds Release itself instead of packing what Compile built).
            var configuration = TryGetValue(() => Configuration) ?? "Release";
            var settings = PackSettings(new DotNetPackSettings(SolutionFile, configuration, PackagesDirectory, AssemblyVersionProperties.Arguments(GitVersion))
            {
                NoBuild = configuration == Configuration,
            });
            // Only this version's packages, so a local feed made from the folder cannot pick an older one.
            if (settings.OutputDirectory.DirectoryExists)
                foreach (var old in Directory.GetFiles(settings.OutputDirectory, "*.nupkg")) File.Delete(old);
            await Tools.RunAsync(new ToolInvocation("dotnet",
            [
                "pack", settings.Project, "--nologo", "-c", settings.Configuration, "-o", settings.OutputDirectory,
                .. settings.NoBuild ? new[] { "--no-build", "--no-restore" } : [], .. settings.Properties,
            ])
            {
                WorkingDirectory = RootDirectory,
                Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            }, CancellationToken);
            var packages = settings.OutputDirectory.DirectoryExists ? Directory.GetFiles(settings.OutputDirectory, "*.nupkg").Order(StringComparer.Ordinal).ToList() : [];
            if (packages.Count == 0)
                throw new BuildException($"dotnet pack produced no package in {settings.OutputDirectory}.", "Set <IsPackable>true</IsPackable> on the projects to publish.");
            foreach (var package in packages) Log.Information("Packed {Package:l} ({Configuration:l})", Path.GetFileName(package), settings.Configuration);
        });
}
