namespace RunGates.Core.Runbooks;

/// <summary>The keys of rungates.yml version 1, per section, in the order the docs list them.</summary>
internal static class RunbookKeys
{
    public static readonly string[] Top = ["version", "name", "states", "run", "secrets", "preflight", "gates", "waivers", "ledger", "promote"];
    public static readonly string[] States = ["pass", "partial", "incomplete", "reject"];
    public static readonly string[] Run = ["bundles", "id", "seed", "evidence", "record", "steps"];
    public static readonly string[] Record = ["env", "tools"];
    public static readonly string[] Step = ["id", "run", "timeout", "cwd", "env"];
    public static readonly string[] Waiver = ["check", "reason", "by", "expires"];
    public static readonly string[] Ledger = ["root", "include", "exclude", "file", "copy-to"];
    public static readonly string[] Promote = ["requires", "packet"];
    public static readonly string[] CheckCommon = ["id", "severity", "description"];

    /// <summary>The keys that select a check's kind.</summary>
    public static readonly string[] Kinds = ["files", "expect", "same", "tools", "env", "links", "command", "ledger", "reproducible", "approvals", "covers"];

    /// <summary>Keys a kind allows beside its own key.</summary>
    public static IReadOnlyList<string> Companions(string kind) => kind switch
    {
        "expect" => ["file", "each", "when", "infeasible-when", "infeasible"],
        "command" => ["timeout", "exit-code"],
        _ => [],
    };

    public static readonly string[] AllCheckKeys = [.. CheckCommon, .. Kinds, "file", "each", "when", "infeasible-when", "infeasible", "timeout", "exit-code"];
    public static readonly string[] Infeasible = ["counts-as"];
    public static readonly string[] Covers = ["values", "by"];
    public static readonly string[] CoverageSource = ["each", "file", "path", "key", "where"];
    public static readonly string[] CountsAs = ["passed", "incomplete"];
    public static readonly string[] ToolPin = ["version", "version-file"];
    public static readonly string[] Reproducible = ["against", "ignore"];
    public static readonly string[] Approvals = ["min", "not-author"];

    /// <summary>The keys of a <c>ledger:</c> check's map form.</summary>
    public static readonly string[] LedgerCheck = ["file", "root", "unlisted", "exclude", "include", "format", "entries", "path", "sha256", "if-none"];

    /// <summary>Allowed values, the default last (messages name it).</summary>
    public static readonly string[] Unlisted = ["fail", "ignore"];
    public static readonly string[] LedgerFormats = ["json", "sha256sum"];
    public static readonly string[] Severities = ["blocker", "required", "advisory"];
}
