using System.Text.Json;
using System.Text.Json.Nodes;
using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Tests.Commands;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Schema_prints_the_shipped_json_schema()
    {
        var run = await RunGatesCli.RunAsync(_folder.Path, "schema");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var printed = JsonNode.Parse(run.Out);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RunbookSchema.Json), printed), "the printed schema differs from RunbookSchema.Json");
        Assert.Equal("http://json-schema.org/draft-07/schema#", printed!["$schema"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(run.Out).RootElement.GetProperty("properties").GetProperty("gates").ValueKind);
    }

    [Fact]
    public async Task Schema_writes_nothing_to_disk()
    {
        await RunGatesCli.RunAsync(_folder.Path, "schema");

        Assert.Empty(_folder.Snapshot());
    }
}
