using YamlDotNet.RepresentationModel;

namespace GitLabCI.Tests;

/// <summary>Parses YAML text back with YamlDotNet's representation model, so tests assert structure, not text.</summary>
internal static class YamlTree
{
    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public static YamlNode At(this YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => Assert.IsType<YamlMappingNode>(node).Children.TryGetValue(new YamlScalarNode(key), out var child)
                    ? child
                    : throw new Xunit.Sdk.XunitException($"No key '{key}' in {node}"),
                int index => Assert.IsType<YamlSequenceNode>(node).Children[index],
                _ => throw new ArgumentException($"bad path step {step}"),
            };
        }
        return node;
    }

    public static bool Has(this YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node).Children.ContainsKey(new YamlScalarNode(key));

    public static string Text(this YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value!;

    public static ScalarStyleAndText Scalar(this YamlNode node)
    {
        var scalar = Assert.IsType<YamlScalarNode>(node);
        return new(scalar.Style, scalar.Value!);
    }

    public static IReadOnlyList<string> Keys(this YamlNode node) =>
        Assert.IsType<YamlMappingNode>(node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public static IReadOnlyList<YamlNode> Items(this YamlNode node) => Assert.IsType<YamlSequenceNode>(node).Children.ToList();

    public static IReadOnlyList<string> Strings(this YamlNode node) =>
        Assert.IsType<YamlSequenceNode>(node).Children.Select(c => c.Text()).ToList();
}

internal sealed record ScalarStyleAndText(YamlDotNet.Core.ScalarStyle Style, string Text);
