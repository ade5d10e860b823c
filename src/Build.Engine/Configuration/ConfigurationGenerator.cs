using System.Reflection;
using Nuke.Common.Execution;
using Nuke.Common.Parameters;
using Serilog;
using Nuke.Common.IO;

namespace Nuke.Common.CI;

/// <summary>Writes, refreshes or verifies the CI configuration files the build class declares.</summary>
internal sealed class ConfigurationGenerator(IReadOnlyList<ConfigurationAttributeBase> attributes, BuildModel model, AbsolutePath rootDirectory)
{
    public const string Command = "./build.sh --generate-configuration";

    public static ConfigurationGenerator Create(Type buildType, AbsolutePath rootDirectory, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var attributes = buildType.GetCustomAttributes<ConfigurationAttributeBase>(inherit: true).ToList();
        var model = new BuildModel(rootDirectory,
            targets.Select(t => new TargetInfo(t.Name, t.Description, t.Dependencies.Select(d => d.Name).ToList(), t.Definition.IsUnlisted)
                { Produces = t.Definition.ArtifactProducts.ToList() }).ToList(),
            parameters.Select(p => new ParameterInfo(p.Name, p.CliName, p.Description, p.IsSecret, p.Type)).ToList());
        return new ConfigurationGenerator(attributes, model, rootDirectory);
    }

    public bool Any => attributes.Count > 0;

    /// <summary>The files this generator writes.</summary>
    public IReadOnlyList<AbsolutePath> Files => attributes.Select(a => rootDirectory / a.ConfigurationFile).ToList();

    /// <summary>What the files are made from besides the build (see <see cref="ConfigurationAttributeBase.InputFiles"/>).</summary>
    public IReadOnlyList<AbsolutePath> InputFiles => attributes.SelectMany(a => a.InputFiles).Distinct().Select(f => rootDirectory / f).ToList();

    /// <summary>Writes every file whose content changed; returns every file, relative to the root, and whether it was written.</summary>
    public IReadOnlyList<(string File, bool Written)> Write()
    {
        var files = new List<(string, bool)>();
        foreach (var (path, content) in Generate())
        {
            var unchanged = path.FileExists() && path.ReadAllText() == content;
            if (!unchanged) path.WriteAllText(content);
            files.Add((rootDirectory.GetRelativePathTo(path), !unchanged));
        }
        return files;
    }

    /// <summary>On a server the committed file must match the build, or the pipeline runs a stale definition.</summary>
    public void Verify()
    {
        var stale = Generate().Where(f => !f.Path.FileExists() || f.Path.ReadAllText() != f.Content).Select(f => rootDirectory.GetRelativePathTo(f.Path)).ToList();
        if (stale.Count > 0)
            throw new BuildException($"{string.Join(", ", stale)} does not match the build's targets and parameters.",
                $"Run {Command} locally and commit the result.");
    }

    public void WriteAndLog(ILogger log)
    {
        foreach (var (file, _) in Write().Where(f => f.Written))
            log.Information("Wrote {File:l} from the build's targets and parameters; commit it.", file);
    }

    private IEnumerable<(AbsolutePath Path, string Content)> Generate() =>
        attributes.Select(a => (rootDirectory / a.ConfigurationFile, a.Generate(model)));
}
