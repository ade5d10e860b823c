using Nuke.Common.Hosts;

[assembly: BuildHost<Engine.Tests.Support.FakeCiHost>]

namespace Engine.Tests.Support;

/// <summary>A CI host detected by FAKE_CI=true, marking sections in the output like GitLab does.</summary>
public sealed class FakeCiHost : Host
{
    public override string Name => "FakeCi";
    public override bool IsRunning(Func<string, string?> environment) => environment("FAKE_CI") == "true";
    public override string? BeginSection(string id, string title) => $"[begin {id}]";
    public override string? EndSection(string id) => $"[end {id}]";
    public override IReadOnlyList<string> SecretVariables => ["FAKE_CI_JOB_TOKEN"];
}
