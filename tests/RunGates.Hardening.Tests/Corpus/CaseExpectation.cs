namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// What a user must see from one case, as classes and shapes rather than texts (the fixers choose those): the exit
/// code's class, an RG code (any, or the one the issue fixes), a <c>file(line,col)</c> position where the input has
/// one, and any further checks on the folder (a bundle committed or not, a check's outcome).
/// </summary>
internal sealed record CaseExpectation(IReadOnlyList<int> Exits, string? Code, string? Position, IReadOnlyList<CaseCheck> Checks)
{
    /// <summary>
    /// The exits on which the output must carry the code and position: the error classes. A verdict (0 or 1 from
    /// <c>run</c>) prints its findings without codes; its checks say what results.json must hold instead.
    /// </summary>
    public IReadOnlyList<int> Coded { get; init; } = Exits;

    public const string AnyCode = @"RG\d{4}";

    /// <summary>A compiler-form position, <c>name(line,col)</c>.</summary>
    public const string AnyPosition = @"\S\(\d+,\d+\)";

    public const string RunbookPosition = @"rungates\.yml\(\d+,\d+\)";

    /// <summary>A line in a ledger, in the compiler form or in words.</summary>
    public const string LedgerLine = @"\(\d+(,\d+)?\)|line \d+";

    /// <summary>Bad usage or a runbook that does not load: exit 2, nothing written.</summary>
    public static CaseExpectation Usage(string code = AnyCode, string? position = null) => new([2], code, position, []);

    public static CaseExpectation RunbookError(string code = @"RG1\d{3}") => Usage(code, RunbookPosition);

    /// <summary>A verdict: the run ended and judged (exit 0 or 1), whatever the evidence held.</summary>
    public static CaseExpectation Verdict(params int[] exits) => new(exits.Length == 0 ? [1] : exits, null, null, []) { Coded = [] };

    /// <summary>A bundle or packet that does not verify: exit 3.</summary>
    public static CaseExpectation Integrity(string code = @"RG4\d{3}") => new([3], code, null, []);

    /// <summary>A <c>ledger</c> command's integrity failure: exit 1, as <c>sha256sum -c</c>.</summary>
    public static CaseExpectation LedgerFailure(string code = @"RG4\d{3}") => new([1], code, null, []);

    public static CaseExpectation Signal(int exit) => new([exit], AnyCode, null, []);

    /// <summary>Also accepts these exits, without requiring a code on them.</summary>
    public CaseExpectation OrExit(params int[] exits) => this with { Exits = [.. Exits, .. exits] };

    /// <summary>Also accepts these exits, with the same code and position required.</summary>
    public CaseExpectation OrCodedExit(params int[] exits) => this with { Exits = [.. Exits, .. exits], Coded = [.. Coded, .. exits] };

    public CaseExpectation At(string position) => this with { Position = position };

    public CaseExpectation And(params CaseCheck[] checks) => this with { Checks = [.. Checks, .. checks] };
}
