using YamlDotNet.RepresentationModel;

namespace CommunityBot.Conversations;

/// <summary>Small readers over YamlDotNet's representation model, which keeps line numbers for messages.</summary>
internal static class YamlNodes
{
    public static YamlNode? Load(string path, List<FlowProblem> problems)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                problems.Add(new FlowProblem(path, null, "the file is empty"));
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            problems.Add(new FlowProblem(path, $"line {ex.Start.Line}", "not valid YAML: " + ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some broken files (found by the fuzz command:
            // "- : [" then a letter, "#" then " : y:"); to the operator it is the same broken file.
            problems.Add(new FlowProblem(path, null, "not valid YAML: " + ex.Message));
            return null;
        }
        catch (IOException ex)
        {
            problems.Add(new FlowProblem(path, null, "cannot be read: " + ex.Message));
            return null;
        }
    }

    public static YamlNode? Child(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public static string? Scalar(this YamlMappingNode map, string key) =>
        map.Child(key) is YamlScalarNode { Value: { } value } ? value : null;

    public static IEnumerable<string> Keys(this YamlMappingNode map) =>
        map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public static string Line(this YamlNode node) => $"line {node.Start.Line}";
}
