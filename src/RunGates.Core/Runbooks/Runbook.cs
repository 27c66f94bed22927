using RunGates.Core.Checks;
using RunGates.Core.Runs;

namespace RunGates.Core.Runbooks;

/// <summary>A loaded, validated <c>rungates.yml</c>.</summary>
public sealed record Runbook
{
    /// <summary>The full path of the rungates.yml this was loaded from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex: the spec digest recorded in bundles and packets.</summary>
    public required string Digest { get; init; }

    public int Version { get; init; } = 1;

    /// <summary>Names the status context and check run: <c>rungates/&lt;name&gt;</c>.</summary>
    public required string Name { get; init; }

    public VerdictNames States { get; init; } = VerdictNames.Default;

    public required RunSettings Run { get; init; }

    /// <summary>Names of environment variables whose values are never printed, recorded or written.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Whether a value in rungates.yml wrote <c>${VAR}</c>: the same file may then load differently in another environment.</summary>
    public bool ExpandsVariables { get; init; }

    /// <summary>The masker of <see cref="Secrets"/> as the environment the runbook was loaded with sets them.</summary>
    public SecretMasker Masker { get; init; } = SecretMasker.None;

    public IReadOnlyList<Check> Preflight { get; init; } = [];

    public IReadOnlyList<Check> Gates { get; init; } = [];

    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    public LedgerSettings? Ledger { get; init; }

    public PromoteSettings? Promote { get; init; }

    /// <summary>The folder holding rungates.yml; every non-evidence path resolves against it.</summary>
    public string Directory => Path.GetDirectoryName(SourcePath)!;

    public IEnumerable<Check> Checks => Preflight.Concat(Gates);

    public Check? FindCheck(string id) => Checks.FirstOrDefault(c => c.Id == id);
}
