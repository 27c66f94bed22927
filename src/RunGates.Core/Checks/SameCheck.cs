using RunGates.Core.Evidence;

namespace RunGates.Core.Checks;

/// <summary><c>same:</c> the values at every listed document and path are present and equal.</summary>
/// <remarks>
/// Values compare as the matchers do: numbers numerically, anything else by its text, so run.json's string seed
/// <c>"42"</c> equals a document's number <c>42</c>. A file that does not exist makes the check missing; a path that is
/// absent fails it.
/// </remarks>
public sealed record SameCheck : Check
{
    public required IReadOnlyList<SameSource> Sources { get; init; }

    public override string Kind => "same";

    public override string Describe() => $"Checks that {string.Join(", ", Sources.Select(s => s.File + ":" + s.Path.Text))} hold the same value.";

    /// <summary>Every listed document; run.json is not a file before the bundle opens (pre-flight reports it missing).</summary>
    public override CheckInputs Inputs(CheckContext context) => context.BundleDirectory is not null && Sources.Any(s => s.IsRun)
        ? CheckInputs.Always("a same check reads this run's run.json")
        : new CheckInputs { Files = Sources.Where(s => !s.IsRun).Select(s => context.ResolveEvidencePath(Phase, s.File)).ToList() };

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var missing = new List<CheckFinding>();
        var absent = new List<CheckFinding>();
        var values = new List<(SameSource Source, EvidenceNode Node)>();
        foreach (var source in Sources)
        {
            EvidenceLoadResult loaded;
            if (source.IsRun)
            {
                if (context.BundleDirectory is null)
                {
                    missing.Add(new CheckFinding("run.json does not exist yet: the bundle is not open", source.Position));
                    continue;
                }

                // run.json is rewritten during the run, so it bypasses the per-run document cache.
                loaded = EvidenceReader.Load(Path.Combine(context.BundleDirectory, "run.json"));
            }
            else
            {
                loaded = context.LoadEvidence(Phase, source.File);
            }

            if (loaded.IsMissing)
            {
                missing.Add(new CheckFinding($"{Name(source)} does not exist", loaded.ErrorPosition, "the file", "absent"));
                continue;
            }

            if (loaded.Document is not { } document)
            {
                absent.Add(new CheckFinding(loaded.Error ?? "unreadable", loaded.ErrorPosition, "a JSON or YAML document", "unparseable"));
                continue;
            }

            if (EvidencePathResolver.ResolveFirst(document.Root, source.Path) is not { } node)
            {
                absent.Add(new CheckFinding($"{Name(source)}: {source.Path.Text} is absent", Runbooks.SourcePosition.OfFile(document.Path), "present", "absent"));
                continue;
            }

            values.Add((source, node));
        }

        if (absent.Count > 0)
        {
            return ValueTask.FromResult(CheckEvaluation.Failed(string.Join("; ", absent.Select(f => f.Message)), absent));
        }

        if (missing.Count > 0)
        {
            return ValueTask.FromResult(CheckEvaluation.Missing(string.Join("; ", missing.Select(f => f.Message)), missing));
        }

        var listing = string.Join(", ", values.Select(v => $"{Name(v.Source)} {v.Source.Path.Text} = {v.Node.Display()}"));
        var first = values[0].Node;
        if (values.All(v => ValueComparison.AreEqual(v.Node, first)))
        {
            return ValueTask.FromResult(CheckEvaluation.Passed($"all {values.Count} values are {first.Display()}"));
        }

        // Each value is a finding at its own position, so a reader sees every side of the disagreement.
        var expected = $"{Name(values[0].Source)} {values[0].Source.Path.Text} = {first.Display()}";
        var findings = values
            .Select(v => new CheckFinding($"{Name(v.Source)} {v.Source.Path.Text} is {v.Node.Display()}", v.Node.Position, expected, v.Node.Display()))
            .ToList();
        return ValueTask.FromResult(CheckEvaluation.Failed($"values differ: {listing}", findings));
    }

    private static string Name(SameSource source) => source.IsRun ? "run.json" : source.File;
}
