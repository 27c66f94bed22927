using System.Globalization;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>covers:</c> every value of a list (literal, or what a <c>{ file, path }</c> reference selects) is the key of at
/// least one record among the <c>by:</c> sources that meets the source's <c>where:</c>. Fails naming each uncovered
/// value at its own position. Keys and values compare as <c>equals</c> does (numbers exactly, the rest by text).
/// </summary>
/// <remarks>
/// A values file that does not exist, or a path that selects no values, is <c>missing</c>: a coverage check with
/// nothing to cover certifies nothing. Except where the document writes the list down empty (<c>eligible_for_lock: []</c>
/// under <c>eligible_for_lock[*]</c>): that is a statement, and holds vacuously as <c>[*]</c> does. A source file that does not exist, or a glob that matches nothing, is
/// <c>missing</c> too; an unreadable record document fails the check, since it may have been the one covering a value.
/// </remarks>
public sealed record CoversCheck : Check
{
    /// <summary>The values to cover, written in rungates.yml; null when <see cref="ValuesFrom"/> is set.</summary>
    public IReadOnlyList<EvidenceNode>? Values { get; init; }

    /// <summary>The reference whose selected values are to be covered; null when <see cref="Values"/> is set.</summary>
    public ValueReference? ValuesFrom { get; init; }

    public required IReadOnlyList<CoverageSource> By { get; init; }

    public override string Kind => "covers";

    public override string Describe() =>
        $"Every value of {(ValuesFrom?.Text ?? $"[{string.Join(", ", Values!.Select(v => v.Display()))}]")} is covered by a record of {string.Join("; or ", By.Select(b => b.Describe()))}.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Evaluate(context, cancellationToken));

    private CheckEvaluation Evaluate(CheckContext context, CancellationToken cancellationToken)
    {
        var sources = context.References(Phase);
        var values = Values;
        if (ValuesFrom is not null)
        {
            var resolved = ReferenceResolver.Resolve(ValuesFrom, sources);
            if (resolved.IsMissing)
            {
                return CheckEvaluation.Missing($"values {ValuesFrom.Text}: {resolved.Failure}", [new CheckFinding($"{ValuesFrom.Text}: {resolved.Failure}", ValuesFrom.Position)]);
            }

            if (resolved.Failure is { } failure)
            {
                return CheckEvaluation.Failed(new CheckFinding($"values {ValuesFrom.Text}: {failure}", ValuesFrom.Position));
            }

            values = resolved.Values.Select(v => v.Node!).ToList();
        }

        if (values!.Count == 0 && ValuesFrom is not null && ListedEmpty(ValuesFrom, sources))
        {
            // Written down as empty (eligible_for_lock: []), the list holds vacuously, as [*] over an empty array does;
            // a runbook that needs values requires them with count, e.g. in the pre-flight that reads the file.
            return CheckEvaluation.Passed($"values {ValuesFrom.Text} is an empty list: nothing to cover");
        }

        if (values.Count == 0)
        {
            return CheckEvaluation.Missing($"values {ValuesFrom?.Text ?? "[]"} selects no values: nothing to cover", [new CheckFinding("no values to cover", ValuesFrom?.Position ?? Position)]);
        }

        var keys = new CoverageKeys();
        var problems = new List<CheckFinding>();
        var missing = new List<CheckFinding>();
        foreach (var source in By)
        {
            Collect(source, context, sources, keys, problems, missing, cancellationToken);
        }

        if (problems.Count > 0)
        {
            return CheckEvaluation.Failed($"{DiagnosticText.Count(problems.Count, "source problem")}: {string.Join("; ", problems.Take(3).Select(p => p.Message))}", problems);
        }

        if (missing.Count > 0)
        {
            return CheckEvaluation.Missing(string.Join("; ", missing.Select(m => m.Message)), missing);
        }

        var uncovered = values
            .Where(v => !keys.Covers(v))
            .Select(v => new CheckFinding($"{v.Display()} is not covered: no record of {string.Join(" or ", By.Select(b => b.Describe()))} has it", v.Position, "a record with this key", "none"))
            .ToList();
        if (uncovered.Count == 0)
        {
            return CheckEvaluation.Passed(string.Create(CultureInfo.InvariantCulture, $"all {DiagnosticText.Count(values.Count, "value")} covered by {DiagnosticText.Count(keys.Records, "record")}"));
        }

        var shown = string.Join(", ", uncovered.Take(5).Select(u => u.Message[..u.Message.IndexOf(" is not covered", StringComparison.Ordinal)]));
        return CheckEvaluation.Failed(
            string.Create(CultureInfo.InvariantCulture, $"{uncovered.Count} of {DiagnosticText.Count(values.Count, "value")} not covered: {shown}{(uncovered.Count > 5 ? $" and {uncovered.Count - 5} more" : "")}"),
            uncovered);
    }

    /// <summary>
    /// Whether the values path ends in a selection whose array or object is present and empty: the document says "no
    /// values". A path that names nothing, a filter that selects none of a non-empty list, is no such statement.
    /// </summary>
    private static bool ListedEmpty(ValueReference values, ReferenceSources sources)
    {
        if (!values.Path.EndsInSelection || values.Path.Segments[^1].Filter is not null || values.Path.Parent() is not { } parent
            || parent.HasWildcard)
        {
            return false;
        }

        var container = ReferenceResolver.Resolve(values with { Path = parent }, sources).Single(out _);
        return container is { Kind: EvidenceNodeKind.Array, Items.Count: 0 } or { Kind: EvidenceNodeKind.Object, Properties.Count: 0 };
    }

    private void Collect(CoverageSource source, CheckContext context, ReferenceSources sources, CoverageKeys keys, List<CheckFinding> problems, List<CheckFinding> missing, CancellationToken cancellationToken)
    {
        if (source.Each is { } glob)
        {
            var baseDirectory = context.EvidenceBase(Phase);
            var paths = EvidenceGlob.Match(baseDirectory, glob);
            if (paths.Count == 0)
            {
                missing.Add(new CheckFinding($"no file matches {glob} in {baseDirectory}", source.Position));
                return;
            }

            // Documents are read in parallel, as expect: reads them; unreadable ones are reported in path order.
            var unreadable = new CheckFinding?[paths.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            Parallel.For(0, paths.Count, options, i =>
            {
                // A document reached through a link out of the root is refused before a byte of it is read.
                var refusal = context.ReadEvidence(Phase, paths[i], loaded =>
                {
                    if (loaded.Document is { } document)
                    {
                        keys.Offer(source, document, document.Root, sources);
                    }
                    else
                    {
                        unreadable[i] = new CheckFinding($"{RelativePath.Shown(baseDirectory, paths[i])}: {loaded.Error ?? "unreadable"}", loaded.ErrorPosition ?? SourcePosition.OfFile(paths[i]));
                    }
                });
                if (refusal is not null)
                {
                    unreadable[i] = CheckContext.EscapeFinding($"{RelativePath.Shown(baseDirectory, paths[i])}: {refusal}", paths[i]);
                }
            });
            problems.AddRange(unreadable.OfType<CheckFinding>());
            return;
        }

        // The resolver opens the file (strictly, for bundle:) and hands back its root, so where: can read $ and
        // path-string REFs from the document while its paths start at each record the source's path selects.
        var opened = ReferenceResolver.Resolve(source.Records! with { Path = DocumentPath.Root }, sources);
        if (opened.IsMissing)
        {
            missing.Add(new CheckFinding($"{source.Records!.Text}: {opened.Failure}", source.Position));
        }
        else if (opened.Failure is { } failure)
        {
            problems.Add(new CheckFinding($"{source.Records!.Text}: {failure}", source.Position));
        }
        else
        {
            var root = opened.Values[0].Node!;
            var document = new EvidenceDocument(opened.DocumentPath ?? "", root);
            foreach (var record in EvidencePathResolver.Resolve(root, source.Records!.Path, root))
            {
                if (record.Node is { } node)
                {
                    keys.Offer(source, document, node, sources);
                }
            }
        }
    }

    /// <summary>
    /// The keys offered by records that met their source's <c>where</c>, indexed so 10,000 values cost 10,000 look-ups.
    /// Records may be offered from several threads at once.
    /// </summary>
    private sealed class CoverageKeys
    {
        private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
        private readonly List<EvidenceNode> _numbers = [];

        private static readonly Func<SourcePosition> NoPosition = () => SourcePosition.OfFile("");

        private readonly Lock _lock = new();

        private int _records;

        public int Records => _records;

        /// <remarks>A lent document's nodes die with the loan: only copies of the keys are kept.</remarks>
        public void Offer(CoverageSource source, EvidenceDocument document, EvidenceNode record, ReferenceSources sources)
        {
            // where: paths (and @) start at the record; $ and path-string REFs at the document's root.
            if (source.Where.Count > 0 && !ExpectationEvaluator.EvaluateAt(document, record, source.Where, null, sources))
            {
                return;
            }

            Interlocked.Increment(ref _records);
            foreach (var key in EvidencePathResolver.Resolve(record, source.Key))
            {
                if (key.Node is { IsScalar: true, Kind: not EvidenceNodeKind.Null } node)
                {
                    var text = node.Text!;
                    lock (_lock)
                    {
                        if (_texts.Add(text) && node.Kind == EvidenceNodeKind.Number)
                        {
                            _numbers.Add(EvidenceNode.Scalar(EvidenceNodeKind.Number, text, NoPosition));
                        }
                    }
                }
            }
        }

        /// <summary>Equal as <see cref="ValueComparison.AreEqual"/> says: by text, and numbers also by value (1.0 covers 1).</summary>
        public bool Covers(EvidenceNode value)
        {
            if (!value.IsScalar || value.Kind == EvidenceNodeKind.Null)
            {
                return false;
            }

            return _texts.Contains(value.Text!)
                || (value.Kind == EvidenceNodeKind.Number && _numbers.Exists(n => ValueComparison.AreEqual(n, value)));
        }
    }
}
