using System.Text;
using System.Text.Json;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>Converts a YAML document to JSON text, typing scalars by the YAML 1.2 core schema as the loader does, for schema validators.</summary>
internal static class YamlToJson
{
    public static string Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, stream.Documents[0].RootNode);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var child in sequence.Children)
                {
                    Write(writer, child);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                var (kind, text) = YamlEvidenceConverter.Classify(scalar);
                switch (kind)
                {
                    case EvidenceNodeKind.Null: writer.WriteNullValue(); break;
                    case EvidenceNodeKind.Boolean: writer.WriteBooleanValue(text == "true"); break;
                    case EvidenceNodeKind.Number: writer.WriteRawValue(text); break;
                    default: writer.WriteStringValue(text); break;
                }

                break;
        }
    }
}
