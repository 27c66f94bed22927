using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Tests.Evidence;

public sealed class YamlEvidenceConverterTests
{
    private static EvidenceNode Value(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("v: " + yaml + "\n"));
        return YamlEvidenceConverter.Convert(stream.Documents[0].RootNode, "d.yaml")["v"]!;
    }

    [Theory]
    [InlineData("~", EvidenceNodeKind.Null, "null")]
    [InlineData("null", EvidenceNodeKind.Null, "null")]
    [InlineData("", EvidenceNodeKind.Null, "null")]
    [InlineData("True", EvidenceNodeKind.Boolean, "true")]
    [InlineData("false", EvidenceNodeKind.Boolean, "false")]
    [InlineData("12", EvidenceNodeKind.Number, "12")]
    [InlineData("+12", EvidenceNodeKind.Number, "12")]
    [InlineData("-1.5e3", EvidenceNodeKind.Number, "-1.5e3")]
    [InlineData("1.10", EvidenceNodeKind.Number, "1.10")]
    [InlineData("0o17", EvidenceNodeKind.Number, "15")]
    [InlineData("0x1F", EvidenceNodeKind.Number, "31")]
    [InlineData(".inf", EvidenceNodeKind.Number, "Infinity")]
    [InlineData("yes", EvidenceNodeKind.String, "yes")]
    [InlineData("0x", EvidenceNodeKind.String, "0x")]
    [InlineData("0o77777777777777777777777777", EvidenceNodeKind.String, "0o77777777777777777777777777")]
    [InlineData("\"12\"", EvidenceNodeKind.String, "12")]
    [InlineData("!!str 12", EvidenceNodeKind.String, "12")]
    [InlineData("! 12", EvidenceNodeKind.String, "12")]
    [InlineData("natario", EvidenceNodeKind.String, "natario")]
    public void Untagged_plain_scalars_follow_the_yaml_core_schema(string yaml, EvidenceNodeKind kind, string text)
    {
        var node = Value(yaml);

        Assert.Equal((kind, text), (node.Kind, node.Text));
    }
}
