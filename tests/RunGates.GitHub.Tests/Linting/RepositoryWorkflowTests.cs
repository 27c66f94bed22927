using System.Text.Json;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>Every workflow under .github/workflows is valid as GitHub reads it, checked by action-validator.</summary>
public sealed class RepositoryWorkflowTests : IDisposable
{
    /// <summary>
    /// actions/attest-build-provenance and attest-sbom need the <c>attestations</c> permission, one of GitHub's documented
    /// GITHUB_TOKEN permissions ("Controlling permissions for GITHUB_TOKEN"), which the SchemaStore workflow schema
    /// bundled in action-validator 0.6.0 (the newest release on npm) predates (mpalmer/action-validator#75). Those lines
    /// are taken out before linting, and a separate test pins that they are the only thing the validator objects to.
    /// </summary>
    private const string AttestationsPermission = "attestations: write";

    private static readonly string WorkflowsDirectory = Path.Combine(RepositoryRoot.Path, ".github", "workflows");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Workflows() => new(Directory.EnumerateFiles(WorkflowsDirectory).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));

    [Fact]
    public void Repository_has_ci_release_the_sharded_example_and_the_fork_safe_pair()
    {
        string Read(string name) => File.ReadAllText(Path.Combine(WorkflowsDirectory, name));

        Assert.Contains("uses: ./", Read("ci.yml"), StringComparison.Ordinal);
        Assert.Contains("windows-latest", Read("ci.yml"), StringComparison.Ordinal);
        Assert.Contains("macos-latest", Read("ci.yml"), StringComparison.Ordinal);
        // The composite action is run where it is meant for (Windows, macOS), on the packages CI just packed.
        Assert.Contains("        uses: ./setup\n", Read("ci.yml"), StringComparison.Ordinal);
        Assert.Contains("subject-checksums: artifacts/packages/SHA256SUMS", Read("release.yml"), StringComparison.Ordinal);
        Assert.Contains("ledger merge", Read("sharded-ledger.yml"), StringComparison.Ordinal);
        Assert.Contains("ledger verify", Read("sharded-ledger.yml"), StringComparison.Ordinal);
        Assert.Contains("pull_request:", Read("rungates.yml"), StringComparison.Ordinal);
        Assert.Contains("workflow_run:", Read("rungates-publish.yml"), StringComparison.Ordinal);
        Assert.Contains("command: publish", Read("rungates-publish.yml"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_passes_action_validator(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(WorkflowsDirectory, name)).Where(l => l.Trim().Split('#')[0].Trim() != AttestationsPermission);
        var file = _temp.Write(name, string.Join('\n', lines) + "\n");

        var (exitCode, output) = ActionValidator.Validate(file);

        Assert.True(exitCode == 0, $".github/workflows/{name} is not valid:\n{output}");
    }

    [Fact]
    public void The_attestations_permission_is_the_only_key_action_validator_does_not_know()
    {
        var (exitCode, output) = ActionValidator.Validate(Path.Combine(WorkflowsDirectory, "release.yml"));

        // Each job's permissions is checked against the normal-job and the reusable-job schemas (a oneOf), so one
        // unknown key is reported on several branches; what must hold is that every complaint about a permissions
        // mapping is the attestations key, and (Workflow_passes_action_validator) that without it the file is valid.
        Assert.NotEqual(0, exitCode);
        var errors = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("errors");
        var permissionErrors = Leaves(errors).Where(e => e.Path.EndsWith("/permissions", StringComparison.Ordinal) && e.Code == "properties").ToList();
        Assert.NotEmpty(permissionErrors);
        Assert.All(permissionErrors, e => Assert.Equal("Additional property 'attestations' is not allowed", e.Detail));
        Assert.Equal(["/jobs/action/permissions", "/jobs/release/permissions"], permissionErrors.Select(e => e.Path).Distinct().Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(string Path, string? Code, string? Detail)> Leaves(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().SelectMany(Leaves);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var nested = element.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object).SelectMany(p => Leaves(p.Value)).ToList();
        var self = element.TryGetProperty("path", out var path)
            ? [(path.GetString()!, element.TryGetProperty("code", out var code) ? code.GetString() : null, element.TryGetProperty("detail", out var detail) ? detail.GetString() : null)]
            : Array.Empty<(string, string?, string?)>();
        return self.Concat(nested);
    }
}
