using System.Linq.Expressions;
using Nuke.Common.Execution;

namespace Engine.Tests;

public class ExpressionTextTests
{
    private string? CI_COMMIT_TAG = null;
    private static bool Flag => true;
    private string Name { get; } = "x";

    private static string Render(Expression<Func<bool>> expression) => ExpressionText.Render(expression);

    [Fact]
    public void Conditions_render_like_the_source()
    {
        var local = "v1";
        Assert.Equal("CI_COMMIT_TAG == null", Render(() => CI_COMMIT_TAG == null));
        Assert.Equal("IsServerBuild", Render(() => NukeBuild.IsServerBuild));
        Assert.Equal("!Flag", Render(() => !Flag));
        Assert.Equal("(local == \"v1\") && (Name.Length > 0)", Render(() => local == "v1" && Name.Length > 0));
        Assert.Equal("Name.StartsWith(\"x\")", Render(() => Name.StartsWith("x")));
        Assert.Equal("Name.Any()", Render(() => Name.Any()));
    }

    [Fact]
    public void A_requirement_names_its_member()
    {
        Expression<Func<object?>> requirement = () => CI_COMMIT_TAG;
        Assert.Equal("CI_COMMIT_TAG", ExpressionText.RequiredMember(requirement)?.Name);
    }
}
