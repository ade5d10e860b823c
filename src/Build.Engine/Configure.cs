namespace Nuke.Common;

/// <summary>
/// A settings hook: components expose <c>Configure&lt;DotNetTestSettings&gt; TestSettings => _ => _;</c> and a build
/// adjusts a tool's settings by implementing it (<c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => s => s with { ... };</c>)
/// without redefining the target.
/// </summary>
public delegate TSettings Configure<TSettings>(TSettings settings);
