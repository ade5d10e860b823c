using System.Reflection;
using Engine.Tests.Support;

namespace Engine.Tests;

/// <summary>
/// An injection attribute that owns a file in the repository (as [GitVersion] owns GitVersion.yml) sets it up on a
/// local run that sets the repository up, once; one that could not finish yet is asked again on the next run.
/// </summary>
public class RepositorySetupTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public sealed class OwnsAFileAttribute : ValueInjectionAttributeBase, IRepositorySetup
    {
        public override Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct) => Task.FromResult<object?>("value");

        public Task<bool> SetUpAsync(MemberInfo member, NukeBuild build, CancellationToken cancellationToken)
        {
            var root = ((INukeBuild)build).RootDirectory;
            File.AppendAllText(root / "setups.txt", "set up\n");
            var done = !File.Exists(root / "not-yet");
            build.Log.Information(done ? "owned.txt: set up" : "owned.txt: not yet");
            return Task.FromResult(done);
        }
    }

    public interface IHazOwnedFile : INukeBuild
    {
        [OwnsAFile] string Owned => TryGetValue(() => Owned)!;

        Target Noop => _ => _.Executes(() => { });
    }

    public class SetUpBuild : RecordingBuild, IHazOwnedFile;

    private int Setups => File.Exists(_harness.Root / "setups.txt") ? File.ReadAllLines(_harness.Root / "setups.txt").Length : 0;

    [Fact]
    public async Task A_local_run_sets_the_file_up_once_and_again_only_when_it_could_not_finish()
    {
        File.WriteAllText(_harness.Root / "not-yet", "");
        Assert.Equal(0, (await _harness.RunAsync<SetUpBuild>("Noop")).ExitCode);
        Assert.Contains("owned.txt: not yet", _harness.Output);
        Assert.Equal(1, Setups);

        File.Delete(_harness.Root / "not-yet");
        Assert.Equal(0, (await _harness.RunAsync<SetUpBuild>("Noop")).ExitCode);
        Assert.Contains("owned.txt: set up", _harness.Output);
        Assert.Equal(2, Setups);

        Assert.Equal(0, (await _harness.RunAsync<SetUpBuild>("Noop")).ExitCode);
        Assert.DoesNotContain("owned.txt", _harness.Output);
        Assert.Equal(2, Setups);
    }
}
