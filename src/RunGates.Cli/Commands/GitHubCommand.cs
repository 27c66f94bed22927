using System.CommandLine;
using System.Globalization;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;
using RunGates.GitHub;
using RunGates.GitHub.Api;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Events;
using RunGates.GitHub.Http;

namespace RunGates.Cli.Commands;

/// <summary>
/// <c>rungates github</c>: the action's entry point. Runs the runbook (or, with <c>publish</c>, takes a committed
/// bundle) and reports it to GitHub: job summary, outputs, check run with annotations, commit status. Every option
/// falls back to the action input of the same name (<c>INPUT_FAIL-ON</c> for <c>--fail-on</c>).
/// </summary>
internal static class GitHubCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new ReportingOptions();
        var spec = CommonOptions.Spec();
        var evidence = new Option<string?>("--evidence", "-e") { Description = "The evidence folder gates read, overriding the runbook's run.evidence.", HelpName = "DIR" };
        var bundles = CommonOptions.Bundles();
        var command = new Command("github", "Run the runbook and report it to GitHub: job summary, outputs, a check run with annotations, and the commit status rungates/<name>. With INPUT_COMMAND=publish, does what 'github publish' does.")
        {
            spec, evidence, bundles,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var inputs = new GitHubActionInputs(console.Environment);
            var mode = inputs.Get("command") ?? "run";
            return mode switch
            {
                "run" => RunAsync(console, parse, options, parse.GetValue(spec) ?? inputs.Get("spec"), parse.GetValue(evidence), parse.GetValue(bundles), cancellationToken),
                "publish" => PublishAsync(console, parse, options, inputs.Get("bundle"), cancellationToken),
                _ => throw new CliUsageException($"the command input is '{mode}'; expected run or publish."),
            };
        });

        var publishOptions = new ReportingOptions();
        var bundle = new Option<string?>("--bundle", "-b") { Description = "The committed bundle to publish (a folder). Default: the bundle input.", HelpName = "DIR" };
        var publish = new Command("publish", "Publish a committed bundle made elsewhere (the workflow_run half of the fork-safe pair): validate its artifact_index.json, then report it on the head SHA and pull request the event names, never the bundle.")
        {
            bundle,
        };
        publishOptions.AddTo(publish);
        publish.SetAction((parse, cancellationToken) =>
            PublishAsync(console, parse, publishOptions, parse.GetValue(bundle) ?? new GitHubActionInputs(console.Environment).Get("bundle"), cancellationToken));
        command.Subcommands.Add(publish);
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ParseResult parse, ReportingOptions options, string? spec, string? evidence, string? bundles, CancellationToken cancellationToken)
    {
        var session = GitHubSession.Start(console, parse, options);
        var runbook = RunbookLocator.Load(spec, session.Console);
        var result = await new RunPipeline(runbook, new RunOptions
        {
            Environment = console.Environment,
            EvidenceDirectory = evidence is not null ? session.Console.FullPath(evidence) : null,
            BundlesDirectory = bundles is not null ? session.Console.FullPath(bundles) : null,
            Progress = console.Error,
            Reviews = new GitHubPullRequestReviewSource(session.Reader, session.Context.Owner, session.Context.Repository, session.Event.PullRequestNumber),
        }).RunAsync(cancellationToken).ConfigureAwait(false);

        await console.Out.WriteAsync(ReportRenderer.Render(result, "console", useColor: false, session.Console.WorkingDirectory)).ConfigureAwait(false);
        var outputs = Outputs(session, result.Verdict, result.BundleDirectory, result.LedgerPath, result.Promotable);
        // Masked at the source, and again as the document GitHub is sent: nothing reaches GitHub but through the masker.
        return await session.ReportAsync(runbook.Masker.Apply(ResultsJson.ToDocument(result)), result.BundleDirectory, outputs, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> PublishAsync(CliConsole console, ParseResult parse, ReportingOptions options, string? bundle, CancellationToken cancellationToken)
    {
        if (bundle is null)
        {
            throw new CliUsageException("publish needs the bundle to publish: --bundle DIR, or the action's bundle input.");
        }

        var session = GitHubSession.Start(console, parse, options);
        var directory = session.Console.FullPath(bundle);
        if (!Directory.Exists(directory))
        {
            throw new CliUsageException($"{directory}: no such bundle folder; expected the committed bundle the pull_request job uploaded.");
        }

        // The bundle comes from an untrusted job: its files must be exactly what its index committed, and it names
        // neither the commit nor the pull request (those come from the workflow_run event).
        var validation = BundleValidator.Validate(directory, cancellationToken);
        if (!validation.Succeeded)
        {
            foreach (var problem in validation.Problems)
            {
                await console.Error.WriteLineAsync((problem with { Path = BundleLocator.Shown(session.Console, Path.Combine(directory, problem.Path)) }).ToString()).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"rungates: bundle {BundleLocator.Shown(session.Console, directory)} is not valid: {DiagnosticText.Count(validation.Problems.Count, "problem")}; nothing was published.").ConfigureAwait(false);
            return ExitCodes.IntegrityError;
        }

        var results = ReadResults(directory);
        var ledger = validation.Index!.Files.Select(f => f.Path).FirstOrDefault(p => !p.Contains('/', StringComparison.Ordinal) && p.EndsWith("SHA256SUMS", StringComparison.Ordinal));
        var outputs = Outputs(session, results.Verdict, directory, ledger is null ? null : Path.Combine(directory, ledger), results.Promotable);
        await console.Out.WriteLineAsync($"rungates: publishing {results.RunId}: {results.VerdictName} ({results.Verdict.ToKeyword()})").ConfigureAwait(false);
        return await session.ReportAsync(results, directory, outputs, cancellationToken).ConfigureAwait(false);
    }

    private static ResultsDocument ReadResults(string directory)
    {
        try
        {
            return ResultsJson.Read(Path.Combine(directory, ResultsJson.FileName));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static List<KeyValuePair<string, string>> Outputs(GitHubSession session, Verdict verdict, string? bundle, string? ledger, bool promotable) =>
    [
        new("verdict", verdict.ToKeyword()),
        new("bundle", bundle is null ? "" : session.Shown(bundle)),
        new("ledger", ledger is null ? "" : session.Shown(ledger)),
        new("promoted", promotable ? "true" : "false"),
    ];

    /// <summary>The reporting options <c>github</c> and <c>github publish</c> share, each with its action input.</summary>
    internal sealed class ReportingOptions
    {
        public Option<string?> FailOn { get; } = new("--fail-on") { Description = "The worst verdict that still exits 0: pass, partial, incomplete or reject. Default: the fail-on input, else partial.", HelpName = "VERDICT" };

        public Option<string?> CheckName { get; } = new("--check-name") { Description = "The check run's name and the commit status context. Default: the check-name input, else rungates/<runbook name>.", HelpName = "NAME" };

        public Option<int?> MaxAnnotations { get; } = new("--max-annotations") { Description = $"The most annotations posted (50 per request). Default: the max-annotations input, else {GitHubReportOptions.DefaultMaxAnnotations}.", HelpName = "N" };

        public Option<string?> PartialConclusion { get; } = new("--partial-conclusion") { Description = "The check run's conclusion for a partial run: success or neutral. Default: the partial-conclusion input, else success.", HelpName = "CONCLUSION" };

        public Option<string?> IncompleteConclusion { get; } = new("--incomplete-conclusion") { Description = "The check run's conclusion for an incomplete run: failure, neutral or action_required. Default: the incomplete-conclusion input, else failure.", HelpName = "CONCLUSION" };

        public Option<int?> MaxRetryWait { get; } = new("--max-retry-wait") { Description = "The longest wait, in seconds, before retrying a 5xx, 429 or rate-limited answer; longer waits GitHub asks for are not made. Default: 60.", HelpName = "SECONDS" };

        public Option<string?> DryRun { get; } = new("--dry-run") { Description = "Send nothing: write every request (method, path, JSON body) and the summary to DIR. Default: the dry-run input.", HelpName = "DIR" };

        public Option<string?> WorkingDirectory { get; } = new("--working-directory") { Description = "The folder to work in, relative to the current one. Default: the working-directory input, else the current folder.", HelpName = "DIR" };

        public void AddTo(Command command)
        {
            command.Options.Add(FailOn);
            command.Options.Add(CheckName);
            command.Options.Add(MaxAnnotations);
            command.Options.Add(PartialConclusion);
            command.Options.Add(IncompleteConclusion);
            command.Options.Add(MaxRetryWait);
            command.Options.Add(DryRun);
            command.Options.Add(WorkingDirectory);
        }
    }

    /// <summary>One invocation's GitHub side: context, event, clients and options, read once and checked up front.</summary>
    private sealed class GitHubSession
    {
        private GitHubSession(CliConsole console, GitHubContext context, GitHubEvent @event, GitHubClients clients, GitHubReportOptions report, Verdict threshold, string? dryRun)
        {
            Console = console;
            Context = context;
            Event = @event;
            Clients = clients;
            Report = report;
            Threshold = threshold;
            DryRunDirectory = dryRun;
        }

        /// <summary>The console with the working directory the action's working-directory input names.</summary>
        public CliConsole Console { get; }

        public GitHubContext Context { get; }

        public GitHubEvent Event { get; }

        /// <summary>Reads (reviews) work without a token on public repositories; writes need one.</summary>
        public GitHubApiClient Reader => Clients.Reader;

        private GitHubClients Clients { get; }

        private GitHubReportOptions Report { get; }

        private Verdict Threshold { get; }

        private string? DryRunDirectory { get; }

        public static GitHubSession Start(CliConsole console, ParseResult parse, ReportingOptions options)
        {
            var inputs = new GitHubActionInputs(console.Environment);
            string? Value(Option<string?> option, string input) => parse.GetValue(option) ?? inputs.Get(input);
            int? Number(Option<int?> option, string input)
            {
                if (parse.GetValue(option) is { } given)
                {
                    return given;
                }

                var text = inputs.Get(input);
                return text is null ? null
                    : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
                    : throw new CliUsageException($"the {input} input is '{text}'; expected a whole number.");
            }

            var workingDirectory = Value(options.WorkingDirectory, "working-directory") is { } folder ? console.FullPath(folder) : console.WorkingDirectory;
            if (!Directory.Exists(workingDirectory))
            {
                throw new CliUsageException($"{workingDirectory}: the working directory does not exist.");
            }

            var threshold = CommonOptions.ParseVerdict(Value(options.FailOn, "fail-on") ?? "partial");
            var partial = OneOf(Value(options.PartialConclusion, "partial-conclusion") ?? "success", "partial-conclusion", GitHubReportOptions.PartialConclusions);
            var incomplete = OneOf(Value(options.IncompleteConclusion, "incomplete-conclusion") ?? "failure", "incomplete-conclusion", GitHubReportOptions.IncompleteConclusions);
            var maxAnnotations = Number(options.MaxAnnotations, "max-annotations") ?? GitHubReportOptions.DefaultMaxAnnotations;
            if (maxAnnotations < 0)
            {
                throw new CliUsageException($"max-annotations is {maxAnnotations}; expected 0 or more.");
            }

            var maxWait = parse.GetValue(options.MaxRetryWait) ?? 60;
            var dryRun = Value(options.DryRun, "dry-run") is { } dry ? console.FullPath(dry) : null;

            // A dry run previews on a laptop too: what only the runner sets gets a placeholder, said so on stderr.
            var environment = console.Environment;
            if (dryRun is not null)
            {
                environment = GitHubPreview.Environment(environment, out var filled);
                if (filled.Count > 0)
                {
                    console.Error.WriteLine(GitHubPreview.Notice(filled));
                }
            }

            var context = GitHubContext.FromEnvironment(environment);
            var @event = GitHubEventReader.Read(context);
            var policy = new GitHubRetryPolicy { MaxDelay = TimeSpan.FromSeconds(Math.Max(0, maxWait)) };
            var token = GitHubToken.From(console.Environment);
            HttpMessageHandler Transport() => dryRun is not null ? new GitHubDryRunHandler(dryRun, context.ApiUrl, context.ServerUrl) : new SocketsHttpHandler();
            var reader = GitHubClientFactory.Create(context.ApiUrl, dryRun is null ? token : null, Transport(), policy, console.Error);
            var writer = token is not null || dryRun is not null ? reader : null;

            var report = new GitHubReportOptions
            {
                CheckName = Value(options.CheckName, "check-name"),
                MaxAnnotations = maxAnnotations,
                PartialConclusion = partial,
                IncompleteConclusion = incomplete,
                Workspace = context.Workspace ?? console.WorkingDirectory,
                DetailsUrl = context.WorkflowRunUrl,
            };
            return new GitHubSession(console with { WorkingDirectory = workingDirectory }, context, @event, new GitHubClients(reader, writer), report, threshold, dryRun);
        }

        /// <summary>A path for outputs and messages: relative to the workspace where below it (the runner maps the workspace, not container paths).</summary>
        public string Shown(string path) => BundleLocator.Shown(Console with { WorkingDirectory = Context.Workspace ?? Console.WorkingDirectory }, path);

        public async Task<int> ReportAsync(ResultsDocument results, string? bundle, IReadOnlyList<KeyValuePair<string, string>> outputs, CancellationToken cancellationToken)
        {
            var report = CheckRunReportBuilder.Build(results, Report with { Bundle = bundle is null ? null : Shown(bundle) });
            var reporter = new GitHubActionReporter(Context, Event, Console.Out, Console.Error, dryRun: DryRunDirectory is not null);
            var published = await reporter.ReportAsync(report, outputs, Clients.Writer, cancellationToken).ConfigureAwait(false);
            if (DryRunDirectory is not null)
            {
                Directory.CreateDirectory(DryRunDirectory);
                await File.WriteAllTextAsync(Path.Combine(DryRunDirectory, "summary.md"), report.Summary, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"rungates: dry run: nothing was sent; the requests and summary.md are in {Shown(DryRunDirectory)}").ConfigureAwait(false);
            }

            if (published.Problem is { Severity: Core.Diagnostics.DiagnosticSeverity.Error })
            {
                return ExitCodes.GitHubError;
            }

            return VerdictEvaluator.Meets(results.Verdict, Threshold) ? ExitCodes.Success : ExitCodes.VerdictBelowThreshold;
        }

        private static string OneOf(string value, string input, IReadOnlyList<string> allowed) =>
            allowed.Contains(value) ? value : throw new CliUsageException($"{input} is '{value}'; expected one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>The client that reads and the one that writes (null without a token).</summary>
    private sealed record GitHubClients(GitHubApiClient Reader, GitHubApiClient? Writer);
}
