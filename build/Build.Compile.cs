using Nuke.Common;
using Nuke.Components;

// Compile and test: the components' definitions unchanged; add settings hooks or steps here.
partial class Build
{
    Target ICompile.Compile => _ => _
        .Inherit<ICompile>();

    Target ITest.Test => _ => _
        .Inherit<ITest>();
}
