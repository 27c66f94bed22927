using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Ledgers;
using RunGates.Core.Promotion;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Runs;

/// <summary>
/// Runs a runbook through the lifecycle of DESIGN.md: pre-flight, open the bundle, steps, gates, ledger, verdict,
/// commit, promotion packet. Every front door calls this; none decides anything about a check itself.
/// </summary>
public sealed class RunPipeline
{
    private readonly Runbook _runbook;
    private readonly RunOptions _options;
    private readonly SecretMasker _masker;
    private readonly ProcessRunner _processes;

    public RunPipeline(Runbook runbook, RunOptions options)
    {
        _runbook = runbook;
        _options = options;
        // The runbook's masker (its load environment) and the run's: every byte below goes through it.
        _masker = runbook.Masker.With(SecretMasker.For(runbook.Secrets, options.Environment));
        _processes = new ProcessRunner(_masker);
    }

    public string BundlesDirectory => _options.BundlesDirectory ?? _runbook.Run.Bundles;

    /// <summary>
    /// The whole lifecycle. Cancelled, it ends the running process tree and throws <see cref="RunCancelledException"/>
    /// naming the bundle it leaves uncommitted: the commit is the last step, so a cancelled run never commits.
    /// </summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var opened = new StrongBox<string?>();
        try
        {
            return await RunCoreAsync(opened, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e is not RunCancelledException)
        {
            throw new RunCancelledException(opened.Value, e);
        }
    }

    private async Task<RunResult> RunCoreAsync(StrongBox<string?> opened, CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var startedAt = time.GetUtcNow();
        var documents = new EvidenceDocumentCache();
        var results = new List<CheckResult>();

        // 1. Pre-flight: before the bundle exists, so paths resolve against the runbook's folder.
        var (preflightResults, preflightOutputs, stoppedAt) = await EvaluatePreflightAsync(documents, cancellationToken).ConfigureAwait(false);
        results.AddRange(preflightResults);

        // 2. Open the bundle, even for a stopped run: the refusal is evidence too.
        var git = await GitInfo.ReadAsync(_runbook.Directory, _processes, cancellationToken).ConfigureAwait(false);
        // Names from a secret are refused at load; a run id that still carries one (through git) is masked before it names a folder.
        var runId = _masker.Apply(RunIdTemplate.Expand(_runbook.Run.IdTemplate, startedAt, git, _runbook.Run.Seed, _runbook.Name));
        var manifest = _masker.Apply(new RunManifest
        {
            RunId = runId,
            Runbook = _runbook.Name,
            SpecDigest = _runbook.Digest,
            Seed = _runbook.Run.Seed,
            GitSha = git.Sha,
            GitDirty = git.Dirty,
            Tools = await RecordToolsAsync(cancellationToken).ConfigureAwait(false),
            Env = RecordEnvironment(),
            Host = Environment.MachineName,
            StartedAt = startedAt,
            Verifier = ToolIdentity.Current,
        });
        var bundle = RunBundle.Open(BundlesDirectory, runId, manifest);
        opened.Value = bundle.Directory;
        manifest = manifest with { RunId = bundle.RunId };
        Report($"bundle: {bundle.Directory}");
        foreach (var (id, output) in preflightOutputs)
        {
            bundle.WriteFile(LogName(Phase.Preflight, id), output);
        }

        var evidenceDirectory = ResolveEvidenceDirectory(bundle.Directory);

        // 3. Steps, in order; a failed step stops the pipeline.
        var steps = new List<StepResult>();
        if (stoppedAt is null)
        {
            foreach (var step in _runbook.Run.Steps)
            {
                var stepResult = await RunStepAsync(step, bundle, manifest, cancellationToken).ConfigureAwait(false);
                if (stepResult.Succeeded && bundle.ForeignFiles(OwnFiles()) is { Count: > 0 } foreign)
                {
                    // The commit would have to overwrite them; it never does, so the run stops here and stays uncommitted.
                    stepResult = stepResult with { Error = $"wrote {string.Join(", ", foreign)} into the bundle, which RunGates writes itself ({DiagnosticCatalog.ReservedFileWritten.Code})" };
                    Report($"  FAILED     step {step.Id}: {stepResult.Error}");
                }

                steps.Add(stepResult);
                if (!stepResult.Succeeded)
                {
                    stoppedAt = step.Id;
                    break;
                }
            }
        }

        // 4. Gates, over the evidence the run produced. Steps may have rewritten files pre-flight read, so read afresh.
        if (steps.Count > 0)
        {
            documents.Clear();
        }

        var gateContext = CreateContext(evidenceDirectory, bundle.Directory, documents);
        Report($"gates: {DiagnosticText.Count(_runbook.Gates.Count, "check")}");
        var gates = _runbook.Gates;
        for (var g = 0; g < gates.Count;)
        {
            if (stoppedAt is not null)
            {
                results.Add(NotRun(gates[g++], stoppedAt));
                continue;
            }

            // Consecutive expect: gates share one pass over their documents; anything else runs on its own, in order.
            var together = gates.Skip(g).TakeWhile(c => c is ExpectCheck).Cast<ExpectCheck>().ToList();
            var evaluated = together.Count > 1
                ? await EvaluateTogetherAsync(together, gateContext, cancellationToken).ConfigureAwait(false)
                : [await EvaluateAsync(gates[g], gateContext, cancellationToken).ConfigureAwait(false)];
            foreach (var (evaluatedResult, output) in evaluated)
            {
                var result = evaluatedResult;
                if (output is not null)
                {
                    bundle.WriteFile(LogName(Phase.Gates, result.Id), output);
                    result = result with { LogFile = LogName(Phase.Gates, result.Id) };
                }

                results.Add(result);
            }

            g += evaluated.Count;
        }

        results = results.Select(r => r.Phase == Phase.Preflight && preflightOutputs.ContainsKey(r.Id) ? r with { LogFile = LogName(Phase.Preflight, r.Id) } : r).ToList();

        // 5. Ledger over the declared tree.
        string? ledgerPath = null;
        if (_runbook.Ledger is { } ledger)
        {
            ledgerPath = WriteLedger(ledger, evidenceDirectory, bundle, stopped: stoppedAt is not null);
        }

        // 6. Verdict and promotability, recorded in results.json. run.json will say committed at the same instant.
        var verdict = VerdictEvaluator.Evaluate(results);
        var finishedAt = time.GetUtcNow();
        manifest = manifest with { FinishedAt = finishedAt, State = RunManifest.Committed, CommittedAt = finishedAt };
        var result0 = new RunResult
        {
            Runbook = _runbook,
            Manifest = manifest,
            Verdict = verdict,
            Checks = results,
            Steps = steps,
            StoppedAt = stoppedAt,
            BundleDirectory = bundle.Directory,
            EvidenceDirectory = evidenceDirectory,
            LedgerPath = ledgerPath,
            InputFiles = [_runbook.SourcePath, .. documents.LoadedPaths],
        };
        // Masked as data, before any serialiser escapes a value out of the mask's reach; decided from the masked run, so
        // the decision every verifier recomputes from results.json is word for word the one recorded.
        var masked = _masker.Apply(result0);
        var decision = PromotionDecision.Decide(ResultsJson.ToDocument(masked));
        var runResult = masked with { Promotable = decision.Promotable, PromotionReasons = decision.Reasons };
        bundle.WriteFile(ResultsJson.FileName, ResultsJson.Serialize(runResult));

        // 7. Commit, in RunBundle.Commit's order: run.json final, artifact_index.json, the promotion packet (the
        //    envelope carrying the index's digest, so it lives outside the index), then LATEST.
        // A signal during the gates or the ledger (which do not all watch the token) still leaves the bundle uncommitted.
        cancellationToken.ThrowIfCancellationRequested();
        var promote = _runbook.Promote;
        var packetAt = time.GetUtcNow();
        bundle.Commit(time, manifest, promote?.Packet,
            promote is null ? null : indexSha256 => PromotionPacketWriter.Build(runResult, promote, indexSha256, packetAt).Serialize(),
            _options.CommitObserver);
        Report($"committed: {bundle.RunId}");
        if (promote is not null)
        {
            runResult = runResult with { PromotionPacketPath = Path.GetFullPath(promote.Packet, bundle.Directory) };
        }

        return runResult;
    }

    /// <summary>
    /// Pre-flight only: no bundle, no steps, no gates. For front doors that check inputs before a build
    /// (MSBuild's RunGatesPreflight); gates are reported as not run.
    /// </summary>
    public async Task<RunResult> RunPreflightAsync(CancellationToken cancellationToken)
    {
        var startedAt = _options.Time.GetUtcNow();
        var documents = new EvidenceDocumentCache();
        var (results, _, stoppedAt) = await EvaluatePreflightAsync(documents, cancellationToken).ConfigureAwait(false);
        var manifest = new RunManifest
        {
            RunId = "preflight",
            Runbook = _runbook.Name,
            SpecDigest = _runbook.Digest,
            Seed = _runbook.Run.Seed,
            Host = Environment.MachineName,
            StartedAt = startedAt,
            FinishedAt = _options.Time.GetUtcNow(),
            Verifier = ToolIdentity.Current,
        };
        return _masker.Apply(new RunResult
        {
            Runbook = _runbook,
            Manifest = manifest,
            Verdict = VerdictEvaluator.Evaluate(results),
            Checks = results,
            StoppedAt = stoppedAt,
            InputFiles = [_runbook.SourcePath, .. documents.LoadedPaths],
            PreflightInputs = RunInputs.Of(_runbook, _runbook.Preflight, CreateContext(_runbook.Directory, null, new EvidenceDocumentCache()), documents.LoadedPaths),
        });
    }

    private async Task<(List<CheckResult> Results, Dictionary<string, string> Outputs, string? StoppedAt)> EvaluatePreflightAsync(EvidenceDocumentCache documents, CancellationToken cancellationToken)
    {
        var context = CreateContext(evidenceDirectory: _runbook.Directory, bundleDirectory: null, documents);
        var results = new List<CheckResult>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? stoppedAt = null;
        Report($"pre-flight: {DiagnosticText.Count(_runbook.Preflight.Count, "check")}");
        foreach (var check in _runbook.Preflight)
        {
            if (stoppedAt is not null)
            {
                results.Add(NotRun(check, stoppedAt));
                continue;
            }

            var (result, output) = await EvaluateAsync(check, context, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (output is not null)
            {
                outputs[check.Id] = output;
            }

            if (result.Severity == Severity.Blocker && result.Outcome == Outcome.Failed)
            {
                stoppedAt = check.Id;
            }
        }

        return (results, outputs, stoppedAt);
    }

    private CheckContext CreateContext(string evidenceDirectory, string? bundleDirectory, EvidenceDocumentCache documents) => new()
    {
        Runbook = _runbook,
        EvidenceDirectory = evidenceDirectory,
        BundleDirectory = bundleDirectory,
        BundlesDirectory = BundlesDirectory,
        Environment = _options.Environment,
        Masker = _masker,
        Processes = _processes,
        Documents = documents,
        Time = _options.Time,
        Reviews = _options.Reviews,
    };

    private async Task<(CheckResult Result, string? Output)> EvaluateAsync(Check check, CheckContext context, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        CheckEvaluation evaluation;
        try
        {
            evaluation = await check.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A check that cannot read its evidence has not shown it holds; it fails with the reason rather than crashing the run.
            evaluation = CheckEvaluation.Failed(new CheckFinding($"could not read evidence: {e.Message}", check.Position));
        }
        catch (Exception e) when (PatternTimeout(e) is { } timeout)
        {
            // A matches: pattern out of time anywhere else (covers' where:): that check fails, the run goes on.
            evaluation = CheckEvaluation.Failed(ExpectCheck.PatternTimeoutFinding(timeout, check.Phase));
        }

        return Complete(check, evaluation, stopwatch.Elapsed);
    }

    private static PatternTimeoutException? PatternTimeout(Exception e) => e switch
    {
        PatternTimeoutException timeout => timeout,
        AggregateException { InnerExceptions: [var inner, ..] } => PatternTimeout(inner),
        _ => null,
    };

    private async Task<List<(CheckResult Result, string? Output)>> EvaluateTogetherAsync(IReadOnlyList<ExpectCheck> checks, CheckContext context, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<CheckEvaluation> evaluations;
        try
        {
            evaluations = ExpectPass.Evaluate(checks, context, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One check's unreadable folder must not fail the others: evaluated alone, only that one fails.
            var alone = new List<(CheckResult, string?)>();
            foreach (var check in checks)
            {
                alone.Add(await EvaluateAsync(check, context, cancellationToken).ConfigureAwait(false));
            }

            return alone;
        }

        // One pass served them all; each is credited an equal share of its time.
        var share = stopwatch.Elapsed / checks.Count;
        return checks.Select((check, i) => Complete(check, evaluations[i], share)).ToList();
    }

    /// <summary>The result of <paramref name="check"/>: secrets masked, waivers applied, and one line told.</summary>
    private (CheckResult Result, string? Output) Complete(Check check, CheckEvaluation evaluation, TimeSpan duration)
    {
        var result = new CheckResult
        {
            Id = check.Id,
            Kind = check.Kind,
            Phase = check.Phase,
            Severity = check.Severity,
            Outcome = evaluation.Outcome,
            Message = _masker.Apply(evaluation.Message) + (evaluation.Outcome == Outcome.Infeasible && check.InfeasibleCountsAs == InfeasibleCountsAs.Passed ? " (counts as passed)" : ""),
            InfeasibleCountsAs = check.InfeasibleCountsAs,
            SpecPosition = check.Position,
            Findings = evaluation.Findings.Select(f => f with { Message = _masker.Apply(f.Message), Expected = _masker.ApplyOrNull(f.Expected), Actual = _masker.ApplyOrNull(f.Actual) }).ToList(),
            Duration = duration,
        };
        result = WaiverApplier.Apply(result, _runbook.Waivers, _options.Time.GetUtcNow());
        Report($"  {OutcomeWord(result.Outcome),-10} {check.Id}: {result.Message}");
        return (result, evaluation.Output is null ? null : _masker.Apply(evaluation.Output));
    }

    private static CheckResult NotRun(Check check, string stoppedAt) => new()
    {
        Id = check.Id,
        Kind = check.Kind,
        Phase = check.Phase,
        Severity = check.Severity,
        Outcome = Outcome.Missing,
        Message = $"not run: stopped at {stoppedAt}",
        SpecPosition = check.Position,
    };

    private async Task<StepResult> RunStepAsync(RunStep step, RunBundle bundle, RunManifest manifest, CancellationToken cancellationToken)
    {
        Report($"step {step.Id}: {_masker.Apply(step.Command.ToString())}");
        var environment = new Dictionary<string, string>(_options.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in step.Environment)
        {
            environment[name] = value;
        }

        environment["RUNGATES_RUN_DIR"] = bundle.Directory;
        environment["RUNGATES_RUN_ID"] = manifest.RunId;
        environment["RUNGATES_SEED"] = manifest.Seed ?? "";
        var workingDirectory = step.WorkingDirectory is null ? _runbook.Directory : Path.GetFullPath(step.WorkingDirectory, _runbook.Directory);
        var timeout = step.Timeout ?? Timeout.InfiniteTimeSpan;
        var process = await _processes.RunAsync(step.Command, workingDirectory, environment, timeout, cancellationToken).ConfigureAwait(false);
        var log = $"logs/{step.Id}.log";
        bundle.WriteFile(log, process.Output);
        var error = process.StartError
            ?? (process.TimedOut ? $"timed out after {step.Timeout}" : process.ExitCode != 0 ? $"exited with {process.ExitCode}, expected 0" : null);
        Report($"  {(error is null ? "passed" : "FAILED"),-10} step {step.Id}{(error is null ? "" : ": " + error)} ({process.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s)");
        return new StepResult(step.Id, process.ExitCode, process.TimedOut, process.Duration, log, step.Position, error);
    }

    private async Task<IReadOnlyDictionary<string, string?>> RecordToolsAsync(CancellationToken cancellationToken)
    {
        var tools = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tool in _runbook.Run.Record.Tools)
        {
            var result = await _processes.RunAsync(CommandSpec.Direct([tool, "--version"]), _runbook.Directory, null, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            tools[tool] = result.Succeeded() ? result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
        }

        return tools;
    }

    private IReadOnlyDictionary<string, string?> RecordEnvironment()
    {
        var recorded = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in _runbook.Run.Record.Env)
        {
            // A secret named under record.env is recorded as present, never by value.
            recorded[name] = _runbook.Secrets.Contains(name, StringComparer.Ordinal)
                ? (_options.Environment.ContainsKey(name) ? SecretMasker.Mask : null)
                : _options.Environment.GetValueOrDefault(name) is { } value ? _masker.Apply(value) : null;
        }

        return recorded;
    }

    private string ResolveEvidenceDirectory(string bundleDirectory) =>
        _options.EvidenceDirectory ?? Path.GetFullPath(_runbook.Run.Evidence.Replace("{run}", bundleDirectory, StringComparison.Ordinal), _runbook.Directory);

    private string? WriteLedger(LedgerSettings ledger, string evidenceDirectory, RunBundle bundle, bool stopped)
    {
        var root = Path.GetFullPath(ledger.Root ?? ".", evidenceDirectory);
        if (!Directory.Exists(root) && stopped)
        {
            // A run stopped early (a failed blocker) may never have made the tree; its verdict already fails, and its
            // record of why is committed without a ledger.
            Report($"ledger: {root} does not exist (the run stopped early); no ledger written");
            return null;
        }

        if (!Directory.Exists(root))
        {
            // The runbook asks for a ledger of this tree: a run without it is no pass, whatever the gates said (RG4033).
            throw new LedgerBuildException([new IntegrityProblem(DiagnosticCatalog.LedgerRootMissing, root,
                $"expected the folder ledger.root names ({ledger.Root ?? "."}, below run.evidence {evidenceDirectory}), found {(File.Exists(root) ? "a file" : "nothing")}; the runbook's ledger cannot be written")]);
        }

        // The ledger's bytes go straight from the compact entries to the file: its text is never held (16 MB at 200,000 files).
        var entries = LedgerWriter.Build(root, ledger.Include, ledger.Exclude);
        bundle.WriteFile(ledger.File, output => LedgerWriter.Write(output, entries));
        if (ledger.CopyTo is { } copyTo)
        {
            var target = Path.GetFullPath(copyTo, _runbook.Directory);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // A copy of the bundle's file, not a second encoding of the text: a name that is not UTF-8 keeps its bytes.
            File.Copy(Path.Combine(bundle.Directory, ledger.File), target, overwrite: true);
        }

        return Path.Combine(bundle.Directory, ledger.File);
    }

    /// <summary>The bundle files RunGates writes after the steps, which no step may write first.</summary>
    private IEnumerable<string> OwnFiles() =>
        new[] { BundleFiles.Results, _runbook.Ledger?.File, _runbook.Promote?.Packet }.OfType<string>();

    private static string LogName(Phase phase, string id) => $"logs/{(phase == Phase.Preflight ? "preflight" : "gates")}-{id}.log";

    private static string OutcomeWord(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    private void Report(string line) => _options.Progress?.WriteLine(_masker.Apply(line));
}
