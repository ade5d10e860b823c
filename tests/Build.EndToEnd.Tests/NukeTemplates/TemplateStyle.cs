using System;

// Picks the build to run: the test sets TEMPLATE_STYLE; each build's Main is the template's.
static class TemplateStyle
{
    public static int Main() => Environment.GetEnvironmentVariable("TEMPLATE_STYLE") switch
    {
        "0.2x" => Build_0_2x.Main(),
        "5.x" => Build_5x.Main(),
        "7.x" => Build_7x.Main(),
        _ => throw new InvalidOperationException("Set TEMPLATE_STYLE to 0.2x, 5.x or 7.x."),
    };
}
