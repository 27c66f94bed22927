using RunGates.Core.Bundles;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Bundles;

/// <summary>Manifests, a settable clock and committed bundles for bundle tests.</summary>
internal static class BundleTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static RunManifest Manifest(string runId = "run-1") => new()
    {
        RunId = runId,
        Runbook = "demo",
        SpecDigest = new string('d', 64),
        Seed = "7",
        GitSha = "abc123",
        GitDirty = false,
        Tools = new Dictionary<string, string?> { ["dotnet"] = "10.0.100" },
        Env = new Dictionary<string, string?> { ["CI"] = "true", ["UNSET"] = null },
        Host = "builder",
        StartedAt = Start,
        Verifier = new ToolIdentity("rungates", "0.1.0"),
    };

    /// <summary>Opens, fills and commits a bundle at <paramref name="committedAt"/>.</summary>
    public static RunBundle Commit(string bundles, string runId, DateTimeOffset committedAt, string verdict = "pass")
    {
        var bundle = RunBundle.Open(bundles, runId, Manifest(runId));
        bundle.WriteFile("reports/a.txt", "alpha\n");
        bundle.WriteFile("logs/produce.log", "ok\n");
        bundle.WriteFile(BundleFiles.Results, $$"""{ "verdict": "{{verdict}}" }""");
        bundle.Commit(new FixedTime(committedAt));
        return bundle;
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
