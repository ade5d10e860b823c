using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Nuke.Common.Execution;
using Nuke.Common.Parameters;
using Nuke.Common.IO;

namespace Nuke.Common.Schema;

/// <summary>
/// Produces .nuke/build.schema.json so editors complete and check .nuke/parameters.json. Each parameter's type schema
/// comes from System.Text.Json's exporter; targets are an enum for the Target and Skip lists.
/// </summary>
internal static class SchemaWriter
{
    private static readonly JsonSerializerOptions ExportOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        // Enum values as the command line spells them (deploy-key); parameters.json takes either spelling.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Generate(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = new JsonArray(targets.Select(t => (JsonNode)JsonValue.Create(t.Name)).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Target"] = new JsonObject
            {
                ["description"] = "Targets to run when none are given on the command line",
                ["type"] = "array",
                ["items"] = new JsonObject { ["$ref"] = "#/$defs/Target" },
            },
            ["Skip"] = new JsonObject
            {
                ["description"] = "Targets to skip",
                ["type"] = "array",
                ["items"] = new JsonObject { ["$ref"] = "#/$defs/Target" },
            },
        };
        foreach (var parameter in parameters)
        {
            var schema = TypeSchema(parameter.Type);
            if (parameter.Description is { } description) schema["description"] = description;
            properties[parameter.Name] = schema;
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Build parameters",
            ["type"] = "object",
            ["$defs"] = new JsonObject { ["Target"] = new JsonObject { ["type"] = "string", ["enum"] = targetNames } },
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject TypeSchema(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(AbsolutePath)) return new JsonObject { ["type"] = "string" };
        return JsonSchemaExporter.GetJsonSchemaAsNode(ExportOptions, target) as JsonObject ?? new JsonObject();
    }
}
