using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nuke.Common.CI.GitLab.Configuration;

/// <summary>Writes a <see cref="GitLabCiFile"/> as YAML through YamlDotNet, so quoting and escaping are the library's job.</summary>
public static class GitLabCiYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings()
        .WithIndentedSequences()
        .WithNewLine("\n")
        .WithTypeConverter(new OrderedMapConverter())
        .WithTypeConverter(new CacheKeyConverter())
        .DisableAliases()
        .Build();

    /// <summary>
    /// The file text: <paramref name="headerLines"/> as <c># </c> comments, then the document. Same input, same text.
    /// </summary>
    public static string Serialize(GitLabCiFile file, IEnumerable<string>? headerLines = null)
    {
        // GitLab puts jobs beside the global keywords at the top level, so the top level is an ordered map.
        var top = new List<KeyValuePair<string, object>>();
        void Add(string key, object? value)
        {
            if (value is not null) top.Add(new(key, value));
        }

        Add("workflow", file.Workflow);
        Add("stages", file.Stages.Count > 0 ? file.Stages : null);
        Add("variables", file.Variables.Count > 0 ? file.Variables : null);
        Add("default", file.Default);
        foreach (var (name, job) in file.Jobs)
        {
            if (ReservedKeys.Contains(name) || name.StartsWith('.'))
                throw new ArgumentException($"'{name}' is a GitLab CI keyword or a hidden key and cannot name a job.", nameof(file));
            Add(name, job);
        }

        var header = string.Concat((headerLines ?? []).Select(line => $"# {line}".TrimEnd() + "\n"));
        return header + Serializer.Serialize(top);
    }

    /// <summary>Top-level keys GitLab reserves (https://docs.gitlab.com/ci/yaml/#global-keywords).</summary>
    internal static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache",
        "before_script", "after_script", "spec",
    };

    /// <summary>A named cache key is a plain string in GitLab; a computed one a mapping of prefix and files.</summary>
    private sealed class CacheKeyConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(CacheKey);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            throw new NotSupportedException("The GitLab CI model is written, never read.");

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
        {
            var key = (CacheKey)value!;
            if (key.Name is not null)
            {
                if (key.Prefix is not null || key.Files.Count > 0)
                    throw new ArgumentException("A cache key has a name or files (with a prefix), not both.", nameof(value));
                serializer(key.Name, typeof(string));
                return;
            }
            emitter.Emit(new MappingStart());
            if (key.Prefix is not null)
            {
                serializer("prefix", typeof(string));
                serializer(key.Prefix, typeof(string));
            }
            serializer("files", typeof(string));
            serializer(key.Files, typeof(IReadOnlyList<string>));
            emitter.Emit(new MappingEnd());
        }
    }

    /// <summary>
    /// Writes any sequence of string-keyed pairs as a YAML mapping in sequence order, so the model keeps ordered maps
    /// (jobs, variables, id_tokens) as plain lists of pairs instead of dictionaries whose order is an implementation detail.
    /// </summary>
    private sealed class OrderedMapConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => PairValueType(type) is not null;

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            throw new NotSupportedException("The GitLab CI model is written, never read.");

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
        {
            var valueType = PairValueType(type)!;
            emitter.Emit(new MappingStart());
            foreach (var pair in (System.Collections.IEnumerable)value!)
            {
                var pairType = pair.GetType();
                var key = (string)pairType.GetProperty("Key")!.GetValue(pair)!;
                serializer(key, typeof(string));
                var item = pairType.GetProperty("Value")!.GetValue(pair);
                serializer(item, item?.GetType() ?? valueType);
            }
            emitter.Emit(new MappingEnd());
        }

        private static Type? PairValueType(Type type)
        {
            if (type == typeof(string)) return null;
            var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            var element = enumerable?.GetGenericArguments()[0];
            if (element is not { IsGenericType: true } || element.GetGenericTypeDefinition() != typeof(KeyValuePair<,>)) return null;
            var arguments = element.GetGenericArguments();
            return arguments[0] == typeof(string) ? arguments[1] : null;
        }
    }
}
