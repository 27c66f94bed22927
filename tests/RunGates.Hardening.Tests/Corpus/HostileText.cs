using System.Text;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>Generators of hostile YAML and JSON text: expansion bombs, deep nesting, floods and huge lines.</summary>
internal static class HostileText
{
    /// <summary>The runbook head every generated runbook starts with: bundles in <c>out</c>, evidence in <c>ev</c>.</summary>
    public const string RunbookHead = """
        version: 1
        name: hostile
        run:
          bundles: out
          evidence: ev

        """;

    /// <summary>
    /// The classic billion laughs: <paramref name="levels"/> anchors, each a list of ten aliases of the one before,
    /// about 1 KB of text expanding to 10^levels strings. Indented by <paramref name="indent"/> under a key.
    /// </summary>
    public static string BillionLaughs(int levels = 9, string indent = "  ")
    {
        var text = new StringBuilder();
        text.Append(indent).Append("- &l0 lol\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append(indent).Append($"- &l{i} [");
            text.AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", 10));
            text.Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>The same bomb built of mappings: every level a map of ten keys aliasing the level before.</summary>
    public static string BillionLaughsMappings(int levels = 9, string indent = "  ")
    {
        var text = new StringBuilder();
        text.Append(indent).Append("m0: &m0 { k: lol }\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append(indent).Append($"m{i}: &m{i} {{ ");
            text.AppendJoin(", ", Enumerable.Range(0, 10).Select(k => $"k{k}: *m{i - 1}"));
            text.Append(" }\n");
        }

        return text.ToString();
    }

    /// <summary>Merge keys (<c>&lt;&lt;</c>) over ever larger maps: expansion through the merge rule rather than plain aliases.</summary>
    public static string MergeKeyBomb(int levels = 20, string indent = "  ")
    {
        var text = new StringBuilder();
        text.Append(indent).Append("b0: &b0 { a0: lol, z0: lol }\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append(indent).Append($"b{i}: &b{i} {{ <<: [*b{i - 1}], x{i}: [*b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}] }}\n");
        }

        return text.ToString();
    }

    /// <summary>One small anchor used <paramref name="count"/> times: a flood of aliases, each cheap, together huge.</summary>
    public static string AliasFlood(int count, string indent = "  ")
    {
        var text = new StringBuilder(count * 4 + 200);
        text.Append(indent).Append("- &a [");
        text.AppendJoin(", ", Enumerable.Range(0, 100).Select(i => "v" + i));
        text.Append("]\n").Append(indent).Append("- [");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "*a" : ",*a");
        }

        text.Append("]\n");
        return text.ToString();
    }

    /// <summary><c>[[[ … ]]]</c> nested <paramref name="depth"/> deep; unclosed when <paramref name="closed"/> is false.</summary>
    public static string NestedFlowSequence(int depth, bool closed = true) =>
        new string('[', depth) + (closed ? "x" + new string(']', depth) : "");

    /// <summary><c>{a: {a: … }}</c> nested <paramref name="depth"/> deep.</summary>
    public static string NestedFlowMapping(int depth)
    {
        var text = new StringBuilder(depth * 6);
        text.Insert(0, "{a: ", depth);
        text.Append('x');
        text.Append('}', depth);
        return text.ToString();
    }

    /// <summary><c>- - - … x</c>: block sequences nested <paramref name="depth"/> deep on one line.</summary>
    public static string NestedBlockSequence(int depth) => new StringBuilder(depth * 2 + 1).Insert(0, "- ", depth).Append('x').ToString();

    /// <summary>JSON arrays nested <paramref name="depth"/> deep.</summary>
    public static string NestedJsonArray(int depth, bool closed = true) => NestedFlowSequence(depth, closed).Replace("x", "1", StringComparison.Ordinal);

    /// <summary>JSON objects nested <paramref name="depth"/> deep: <c>{"a":{"a":…}}</c>.</summary>
    public static string NestedJsonObject(int depth) =>
        new StringBuilder(depth * 6).Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();

    /// <summary>A string of <paramref name="length"/> characters: a huge line or value.</summary>
    public static string Long(int length, char c = 'a') => new(c, length);
}
