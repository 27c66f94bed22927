using System.Globalization;
using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Evidence;

/// <summary>
/// Turns YamlDotNet nodes into <see cref="EvidenceNode"/>s, typing plain scalars by the YAML 1.2 core schema
/// (null, booleans, integers, floats); quoted scalars and <c>!!str</c> are always strings.
/// </summary>
public static partial class YamlEvidenceConverter
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static EvidenceNode Convert(YamlNode node, string file)
    {
        var position = new SourcePosition(file, (int)node.Start.Line, (int)node.Start.Column);
        Func<SourcePosition> at = () => position;
        switch (node)
        {
            case YamlMappingNode mapping:
                var properties = new List<KeyValuePair<string, EvidenceNode>>(mapping.Children.Count);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString();
                    properties.Add(new(name, Convert(value, file)));
                }

                return EvidenceNode.Object(properties, at);
            case YamlSequenceNode sequence:
                return EvidenceNode.Array(sequence.Children.Select(child => Convert(child, file)).ToArray(), at);
            case YamlScalarNode scalar:
                var (kind, text) = Classify(scalar);
                return EvidenceNode.Scalar(kind, text, at);
            default:
                return EvidenceNode.Scalar(EvidenceNodeKind.String, node.ToString(), at);
        }
    }

    /// <summary>The kind and canonical text of a scalar: numbers in decimal, booleans as <c>true</c>/<c>false</c>.</summary>
    public static (EvidenceNodeKind Kind, string Text) Classify(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || IsTaggedString(scalar))
        {
            return (EvidenceNodeKind.String, value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return (EvidenceNodeKind.Null, "null");
            case "true" or "True" or "TRUE":
                return (EvidenceNodeKind.Boolean, "true");
            case "false" or "False" or "FALSE":
                return (EvidenceNodeKind.Boolean, "false");
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return (EvidenceNodeKind.Number, "Infinity");
            case "-.inf" or "-.Inf" or "-.INF":
                return (EvidenceNodeKind.Number, "-Infinity");
            case ".nan" or ".NaN" or ".NAN":
                return (EvidenceNodeKind.Number, "NaN");
        }

        if (DecimalNumber().IsMatch(value))
        {
            return (EvidenceNodeKind.Number, value.StartsWith('+') ? value[1..] : value);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && value.Length > 2 && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return (EvidenceNodeKind.Number, hex.ToString(CultureInfo.InvariantCulture));
        }

        if (OctalNumber().IsMatch(value) && value.Length <= 23)
        {
            // 21 octal digits fit in a long; longer ones stay strings rather than overflow.
            try
            {
                return (EvidenceNodeKind.Number, System.Convert.ToInt64(value[2..], 8).ToString(CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return (EvidenceNodeKind.String, value);
            }
        }

        return (EvidenceNodeKind.String, value);
    }

    // Untagged scalars have an empty tag, whose Value throws; "!" (non-specific) and !!str both mean a string.
    private static bool IsTaggedString(YamlScalarNode scalar) =>
        !scalar.Tag.IsEmpty && (scalar.Tag.Value == "!" || scalar.Tag.Value == StringTag);

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex("^0o[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalNumber();
}
