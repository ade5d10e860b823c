namespace Nuke.Common.Hosts;

/// <summary>A developer's terminal: the fallback host when no CI host recognizes the environment.</summary>
public sealed class Terminal : Host
{
    public override string Name => "Terminal";
    public override bool IsRunning(Func<string, string?> environment) => true;
    public override bool IsServerBuild => false;
}
