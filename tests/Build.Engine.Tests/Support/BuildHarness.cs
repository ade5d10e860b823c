using System.Linq.Expressions;
using Nuke.Common.Output;
using Nuke.Common.IO;

namespace Engine.Tests.Support;

/// <summary>Runs a build class in-process in a temp root with an injected command line and environment.</summary>
internal sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Root = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "engine-tests", Guid.NewGuid().ToString("N")));
        (Root / ".nuke").CreateDirectory();
    }

    public AbsolutePath Root { get; }
    public Dictionary<string, string> Environment { get; } = new();
    public string Output { get; private set; } = "";

    public void WriteParametersJson(string json) => (Root / ".nuke" / "parameters.json").WriteAllText(json);

    public async Task<BuildRunResult> RunAsync<T>(string args, Expression<Func<T, Target>>? defaultTarget = null, CancellationToken cancellationToken = default)
        where T : NukeBuild, new()
    {
        var masker = new SecretMasker();
        var text = new StringWriter();
        var output = new MaskingTextWriter(text, masker);
        var options = new BuildRunOptions
        {
            Arguments = args.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Environment = Environment,
            WorkingDirectory = Root,
            Output = output,
            Secrets = masker,
            CancellationToken = cancellationToken,
        };
        var result = defaultTarget is null ? await BuildRunner.RunAsync<T>(options) : await BuildRunner.RunAsync(options, defaultTarget);
        output.Flush();
        Output = text.ToString();
        return result;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A build that records what its targets did, in order.</summary>
public abstract class RecordingBuild : NukeBuild
{
    public List<string> Executed { get; } = [];

    protected ITargetDefinition Record(ITargetDefinition target, string name) => target.Executes(() => { lock (Executed) Executed.Add(name); });
}
