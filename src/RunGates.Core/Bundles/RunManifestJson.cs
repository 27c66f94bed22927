using System.Text.Json;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary><c>run.json</c>: a <see cref="RunManifest"/> with snake_case keys (run_id, spec_digest, git_sha, started_at, verifier {name, version}...).</summary>
public static class RunManifestJson
{
    public static string Serialize(RunManifest manifest) => JsonSerializer.Serialize(manifest, BundleJson.TypeInfo<RunManifest>()) + "\n";

    /// <summary>Reads run.json text; throws <see cref="JsonException"/> when it is not a manifest.</summary>
    public static RunManifest Deserialize(string json) =>
        JsonSerializer.Deserialize(json, BundleJson.TypeInfo<RunManifest>()) ?? throw new JsonException("run.json holds null, expected an object");
}
