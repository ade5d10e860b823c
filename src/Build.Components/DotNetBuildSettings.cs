using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

/// <summary>What Compile passes to <c>dotnet build</c>; adjust it through <see cref="ICompile.CompileSettings"/>.</summary>
/// <param name="Properties">MSBuild properties as <c>-p:Name=Value</c> arguments (by default the GitVersion version).</param>
public sealed record DotNetBuildSettings(AbsolutePath Solution, string Configuration, IReadOnlyList<string> Properties);
