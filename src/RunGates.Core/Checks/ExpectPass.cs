using RunGates.Core.Evidence;

namespace RunGates.Core.Checks;

/// <summary>
/// Evaluates several <c>expect:</c> checks in one pass over the documents they name: each file is read and parsed
/// once, every check that names it evaluates it, and it is dropped. Five gates over 10,000 receipts thus parse
/// 10,000 documents, not 50,000, and memory stays flat however many documents there are: keeping them for the next
/// gate cost more in fresh pages than parsing them again (docs/benchmarks.md).
/// </summary>
public static class ExpectPass
{
    /// <summary>One evaluation per check, in the order given; the same as evaluating each on its own.</summary>
    public static IReadOnlyList<CheckEvaluation> Evaluate(IReadOnlyList<ExpectCheck> checks, CheckContext context, CancellationToken cancellationToken)
    {
        var evaluations = new CheckEvaluation?[checks.Count];
        var targets = new Target[checks.Count];

        // Which (check, document index) pairs read each file, in the order files are first named.
        var readers = new Dictionary<string, List<(int Check, int Index)>>(StringComparer.Ordinal);
        for (var c = 0; c < checks.Count; c++)
        {
            evaluations[c] = checks[c].Target(context, out var baseDirectory, out var paths);
            targets[c] = new Target(baseDirectory, paths, new ExpectCheck.DocumentResult[paths.Count]);
            if (evaluations[c] is not null)
            {
                continue;
            }

            for (var i = 0; i < paths.Count; i++)
            {
                if (!readers.TryGetValue(paths[i], out var list))
                {
                    readers[paths[i]] = list = [];
                }

                list.Add((c, i));
            }
        }

        var sources = checks.Select(check => context.References(check.Phase)).ToArray();
        var files = readers.ToArray();
        void EvaluateUses(List<(int Check, int Index)> uses, EvidenceLoadResult loaded)
        {
            foreach (var (c, i) in uses)
            {
                // Not refused: a result not yet set has no findings.
                if (targets[c].Results[i].Findings is null)
                {
                    targets[c].Results[i] = checks[c].EvaluateDocument(loaded, sources[c]);
                }
            }
        }

        void Refuse(List<(int Check, int Index)> uses, string path, string refusal)
        {
            foreach (var (c, i) in uses)
            {
                targets[c].Results[i] = new ExpectCheck.DocumentResult(ExpectCheck.DocumentState.Failed, [CheckContext.EscapeFinding(refusal, path)]);
            }
        }

        void Evaluate(int f)
        {
            var (path, uses) = files[f];
            var phase = checks[uses[0].Check].Phase;
            if (uses.TrueForAll(use => checks[use.Check].Phase == phase))
            {
                // The usual case, one root: a link out of it fails the check before a byte is read, and nothing quotes
                // its target (CheckContext.ReadEvidence checks the file's own name with the open that reads it).
                if (context.ReadEvidence(phase, path, loaded => EvaluateUses(uses, loaded)) is { } refusal)
                {
                    Refuse(uses, path, refusal);
                }

                return;
            }

            EvaluateAcrossPhases(path, uses);
        }

        // Checks of both phases name one file (the roots differ between phases): asked once per phase, before a byte is read.
        void EvaluateAcrossPhases(string path, List<(int Check, int Index)> uses)
        {
            var inside = 0;
            Phase? asked = null;
            string? refusal = null;
            foreach (var (c, i) in uses)
            {
                if (asked != checks[c].Phase)
                {
                    asked = checks[c].Phase;
                    refusal = context.EvidenceEscape(asked.Value, path);
                }

                if (refusal is not null)
                {
                    targets[c].Results[i] = new ExpectCheck.DocumentResult(ExpectCheck.DocumentState.Failed, [CheckContext.EscapeFinding(refusal, path)]);
                }
                else
                {
                    inside++;
                }
            }

            if (inside > 0)
            {
                context.Documents.Read(path, loaded => EvaluateUses(uses, loaded));
            }
        }

        if (files.Length == 1)
        {
            Evaluate(0);
        }
        else if (files.Length > 1)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            Parallel.For(0, files.Length, options, Evaluate);
        }

        return checks.Select((check, c) => evaluations[c] ?? check.Summarise(targets[c].BaseDirectory, targets[c].Paths, targets[c].Results)).ToList();
    }

    private readonly record struct Target(string BaseDirectory, List<string> Paths, ExpectCheck.DocumentResult[] Results);
}
