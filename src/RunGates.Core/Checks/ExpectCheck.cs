using System.Globalization;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Paths;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>expect:</c> over one document (<c>file</c>) or every document a glob matches (<c>each</c>), optionally filtered by
/// <c>when</c>; a document matching <c>infeasible-when</c> makes the check infeasible with that document's <c>reason</c>.
/// </summary>
/// <remarks>
/// A failing document outweighs an infeasible one: the failure is reported, and infeasible records are mentioned in the message.
/// Documents of an <c>each</c> are evaluated in parallel (bounded by the processor count) and reported in path order;
/// the run evaluates consecutive gates of this kind together (<see cref="ExpectPass"/>).
/// </remarks>
public sealed record ExpectCheck : Check
{
    /// <summary>The one document to read; exactly one of <see cref="File"/> and <see cref="Each"/> is set.</summary>
    public string? File { get; init; }

    /// <summary>A glob; every matching document is checked, and no match is <c>missing</c>.</summary>
    public string? Each { get; init; }

    public required IReadOnlyList<Expectation> Expect { get; init; }

    public IReadOnlyList<Expectation> When { get; init; } = [];

    public IReadOnlyList<Expectation> InfeasibleWhen { get; init; } = [];

    public override string Kind => "expect";

    public override string Describe() => $"Checks {string.Join(", ", Expect.Select(e => e.Name))} in {File ?? "each " + Each}.";

    /// <summary>Each entry of expect, when and infeasible-when as explain shows it: <c>expect: status: "PASS"</c>.</summary>
    public override IReadOnlyList<string> Details() =>
        Expect.Select(e => "expect " + ExpectationEvaluator.Describe(e))
            .Concat(When.Select(e => "when " + ExpectationEvaluator.Describe(e)))
            .Concat(InfeasibleWhen.Select(e => "infeasible-when " + ExpectationEvaluator.Describe(e)))
            .ToList();

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExpectPass.Evaluate([this], context, cancellationToken)[0]);

    public override CheckInputs Inputs(CheckContext context)
    {
        // A REF into another document, or digest-of (whose file a value names), reads files no list here could name
        // ahead of the run: such a check runs every time rather than pass on a file that changed unseen.
        if (ReadsOtherFiles(Expect) || ReadsOtherFiles(When) || ReadsOtherFiles(InfeasibleWhen))
        {
            return CheckInputs.Always("an expect check with a reference into another file or digest-of reads files named at run time");
        }

        var baseDirectory = context.EvidenceBase(Phase);
        return File is not null
            ? new CheckInputs { Files = [context.ResolveEvidencePath(Phase, File)] }
            : new CheckInputs { Files = EvidenceGlob.Match(baseDirectory, Each ?? ""), Globs = [new GlobInput(baseDirectory, Each ?? "")] };
    }

    private static bool ReadsOtherFiles(IReadOnlyList<Expectation> expectations) => expectations.Any(e => e switch
    {
        FieldExpectation field => field.Matchers.Any(ReadsOtherFiles),
        ExpectationGroup group => group.Alternatives.Any(ReadsOtherFiles),
        _ => true,
    });

    private static bool ReadsOtherFiles(Matcher matcher) =>
        matcher.Kind == MatcherKind.DigestOf || matcher.Reference is { IsExternal: true } || matcher.Inner.Any(ReadsOtherFiles);

    /// <summary>The documents this check reads, or its outcome already when a glob matches nothing.</summary>
    internal CheckEvaluation? Target(CheckContext context, out string baseDirectory, out List<string> paths)
    {
        baseDirectory = context.EvidenceBase(Phase);
        if (File is not null)
        {
            paths = [context.ResolveEvidencePath(Phase, File)];
            return null;
        }

        paths = EvidenceGlob.Match(baseDirectory, Each ?? "");
        return paths.Count == 0 ? CheckEvaluation.Missing($"no file matches {Each} in {baseDirectory}") : null;
    }

    internal enum DocumentState
    {
        Passed,
        Skipped,
        Missing,
        Failed,
        Infeasible,
    }

    /// <summary>What one document showed; nothing in it refers to the document, which may be gone by the time it is summarised.</summary>
    internal readonly record struct DocumentResult(DocumentState State, IReadOnlyList<CheckFinding>? Findings = null, string? Reason = null);

    internal DocumentResult EvaluateDocument(EvidenceLoadResult loaded, ReferenceSources sources)
    {
        if (loaded.IsMissing)
        {
            return new DocumentResult(DocumentState.Missing, [new CheckFinding(loaded.Error ?? "does not exist", loaded.ErrorPosition, "the file", "absent")]);
        }

        if (loaded.Document is not { } document)
        {
            return new DocumentResult(DocumentState.Failed, [new CheckFinding(loaded.Error ?? "unreadable", loaded.ErrorPosition, "a JSON or YAML document", "unparseable")]);
        }

        try
        {
            return EvaluateDocument(document, sources);
        }
        catch (PatternTimeoutException timeout)
        {
            // This document fails this check; the other documents and checks go on.
            return new DocumentResult(DocumentState.Failed, [PatternTimeoutFinding(timeout, Phase)]);
        }
    }

    /// <summary>The finding for a <c>matches:</c> pattern that ran out of time: at the value, naming the pattern's position and the code.</summary>
    internal static CheckFinding PatternTimeoutFinding(PatternTimeoutException timeout, Phase phase)
    {
        var code = phase == Phase.Preflight ? DiagnosticCatalog.PreflightPatternTimeout.Code : DiagnosticCatalog.GatePatternTimeout.Code;
        return new CheckFinding(EvidencePattern.Describe(timeout, code), timeout.ValuePosition, "a match decided in time", timeout.BudgetSpent is null ? "a timeout" : "the check's time for patterns spent", code);
    }

    private DocumentResult EvaluateDocument(EvidenceDocument document, ReferenceSources sources)
    {

        // A when or infeasible-when that fails only because a REF names nothing must not skip the record or make it
        // feasible: a comparison with nothing is no answer (only looked into for a record that did not match).
        if (InfeasibleWhen.Count > 0)
        {
            if (ExpectationEvaluator.Holds(document, InfeasibleWhen, sources))
            {
                var reason = document.Root["reason"] is { IsScalar: true, Kind: not EvidenceNodeKind.Null } node ? node.Text : null;
                return new DocumentResult(DocumentState.Infeasible, [new CheckFinding(reason ?? "infeasible record without a reason", document.Root.Position)], reason ?? "no reason given");
            }

            if (Undecided(document, InfeasibleWhen, "infeasible-when", sources) is { } undecided)
            {
                return undecided;
            }
        }

        if (When.Count > 0 && !ExpectationEvaluator.Holds(document, When, sources))
        {
            return Undecided(document, When, "when", sources) ?? new DocumentResult(DocumentState.Skipped);
        }

        // The fast path allocates nothing; only a failing document is evaluated again to collect every failure.
        if (ExpectationEvaluator.Holds(document, Expect, sources))
        {
            return new DocumentResult(DocumentState.Passed);
        }

        var failures = new List<ExpectationFailure>();
        ExpectationEvaluator.Evaluate(document, Expect, failures, sources);
        return new DocumentResult(DocumentState.Failed, failures.Select(f => new CheckFinding(f.Message, f.Position, f.Expected, f.Actual)).ToList());
    }

    private static DocumentResult? Undecided(EvidenceDocument document, IReadOnlyList<Expectation> map, string name, ReferenceSources sources) =>
        ExpectationEvaluator.UnresolvedReference(document, map, sources) is { } why
            ? new DocumentResult(DocumentState.Failed, [new CheckFinding($"{name} cannot be decided: {why}", document.Root.Position, "a reference that resolves", "unresolved")])
            : null;

    internal CheckEvaluation Summarise(string baseDirectory, List<string> paths, DocumentResult[] results)
    {
        var failed = new List<CheckFinding>();
        var failedDocuments = 0;
        var missing = new List<CheckFinding>();
        var infeasible = new List<(string Path, string Reason, CheckFinding Finding)>();
        var evaluated = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            var shown = result.State is DocumentState.Passed or DocumentState.Skipped ? "" : RelativePath.Shown(baseDirectory, paths[i]);
            switch (result.State)
            {
                case DocumentState.Passed:
                    evaluated++;
                    break;
                case DocumentState.Failed:
                    evaluated++;
                    failedDocuments++;
                    failed.AddRange(File is not null ? result.Findings! : result.Findings!.Select(f => f with { Message = $"{shown}: {f.Message}" }));
                    break;
                case DocumentState.Missing:
                    missing.AddRange(result.Findings!.Select(f => f with { Message = $"{shown} does not exist" }));
                    break;
                case DocumentState.Infeasible:
                    infeasible.Add((shown, result.Reason!, result.Findings![0] with { Message = $"{shown}: infeasible: {result.Reason}" }));
                    break;
            }
        }

        var infeasibleNote = infeasible.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({DiagnosticText.Count(infeasible.Count, "infeasible record")}: {string.Join("; ", infeasible.Select(r => r.Path + ": " + r.Reason))})");
        if (failed.Count > 0)
        {
            var message = File is not null
                ? Join(failed)
                : string.Create(CultureInfo.InvariantCulture, $"{failedDocuments} of {DiagnosticText.Count(paths.Count, "document")} fail {Each}: {Join(failed)}");
            return CheckEvaluation.Failed(message + infeasibleNote, failed.Concat(infeasible.Select(r => r.Finding)).ToList());
        }

        if (missing.Count > 0)
        {
            return CheckEvaluation.Missing(Join(missing), missing);
        }

        if (infeasible.Count > 0)
        {
            var first = infeasible[0];
            var message = infeasible.Count == 1 ? $"infeasible: {first.Reason} ({first.Path})" : $"infeasible: {string.Join("; ", infeasible.Select(r => r.Path + ": " + r.Reason))}";
            return CheckEvaluation.Infeasible(message, infeasible.Select(r => r.Finding).ToList());
        }

        if (evaluated == 0)
        {
            return CheckEvaluation.Passed(string.Create(CultureInfo.InvariantCulture, $"none of the {DiagnosticText.Count(paths.Count, "document")} matched when: nothing to check"));
        }

        return CheckEvaluation.Passed(File is not null
            ? $"{File}: {string.Join(", ", Expect.Select(e => e.Name))} hold"
            : string.Create(CultureInfo.InvariantCulture, $"{DiagnosticText.Count(evaluated, "document")} matching {Each} {(evaluated == 1 ? "holds" : "hold")}{(evaluated < paths.Count ? $" ({paths.Count - evaluated} skipped by when)" : "")}"));
    }

    // The one-line message shows the first few findings; every finding is kept in the list.
    private static string Join(List<CheckFinding> findings) =>
        findings.Count <= 3
            ? string.Join("; ", findings.Select(f => f.Message))
            : string.Join("; ", findings.Take(3).Select(f => f.Message)) + string.Create(CultureInfo.InvariantCulture, $"; and {findings.Count - 3} more");
}
