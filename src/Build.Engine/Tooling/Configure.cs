namespace Nuke.Common.Tooling;

/// <summary>
/// A settings hook, as Nuke's: tasks take <c>DotNetBuild(s => s.SetConfiguration(Configuration))</c>, components expose
/// <c>Configure&lt;DotNetTestSettings&gt; TestSettings => _ => _;</c> and a build adjusts a tool's settings by implementing
/// it (<c>Configure&lt;DotNetTestSettings&gt; ITest.TestSettings => _ => _.SetFilter("Category!=Slow");</c>).
/// </summary>
public delegate TSettings Configure<TSettings>(TSettings settings);

/// <summary>A settings hook that fans one base out into several invocations (<c>CombineWith</c>).</summary>
public delegate IEnumerable<TSettings> CombinatorialConfigure<TSettings>(TSettings settings);
