using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fixtures.Kms;

/// <summary>
/// IAM's evaluation of a role trust policy for one request, for the parts the release flow relies on: an explicit
/// Deny wins, else some Allow statement must match principal, action and every condition. Conditions: StringEquals,
/// StringNotEquals, StringLike, StringNotLike (values are ORed, keys ANDed, keys case-insensitive, a key missing from
/// the request fails a positive operator). Any other operator, or an unknown policy element, never matches, so a
/// policy this fixture cannot judge is refused rather than waved through.
/// </summary>
public static class TrustPolicy
{
    public static bool Allows(JsonNode policy, string principalArn, string action, IReadOnlyDictionary<string, string> context)
    {
        var statements = policy["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var matching = statements.Where(s => Matches(s, principalArn, action, context)).ToList();
        if (matching.Any(s => (string?)s["Effect"] == "Deny")) return false;
        return matching.Any(s => (string?)s["Effect"] == "Allow");
    }

    private static bool Matches(JsonObject statement, string principalArn, string action, IReadOnlyDictionary<string, string> context)
    {
        if (statement.ContainsKey("NotPrincipal") || statement.ContainsKey("NotAction")) return false;
        var federated = Values(statement["Principal"]?["Federated"]);
        if (!federated.Contains(principalArn, StringComparer.Ordinal)) return false;
        if (!Values(statement["Action"]).Any(a => Like(action, a, ignoreCase: true))) return false;
        if (statement["Condition"] is not JsonObject conditions) return true;
        foreach (var (op, block) in conditions)
        {
            if (block is not JsonObject keys) return false;
            foreach (var (key, expected) in keys)
            {
                var wanted = Values(expected);
                var present = context.TryGetValue(key, out var actual);
                var ok = op switch
                {
                    "StringEquals" => present && wanted.Contains(actual!, StringComparer.Ordinal),
                    "StringLike" => present && wanted.Any(w => Like(actual!, w, ignoreCase: false)),
                    "StringNotEquals" => !present || !wanted.Contains(actual!, StringComparer.Ordinal),
                    "StringNotLike" => !present || !wanted.Any(w => Like(actual!, w, ignoreCase: false)),
                    _ => false,
                };
                if (!ok) return false;
            }
        }
        return true;
    }

    private static List<string> Values(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(v => (string?)v).OfType<string>().ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [(string)value!],
        _ => [],
    };

    /// <summary>IAM wildcards: * any run of characters, ? one character; everything else literal.</summary>
    private static bool Like(string text, string pattern, bool ignoreCase) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            ignoreCase ? RegexOptions.IgnoreCase | RegexOptions.Singleline : RegexOptions.Singleline);
}
