using RunGates.Core.Checks;

namespace RunGates.Core.Diagnostics;

/// <summary>
/// Every diagnostic RunGates reports. The CLI, MSBuild, Cake and GitHub print from here; none invents a code.
/// RG00xx the command line and the machine (usage, I/O, signals; RG0001–RG0029), RG1xxx the runbook, RG2xxx pre-flight, RG3xxx gates, RG4xxx ledger and bundle integrity, RG5xxx promotion, RG6xxx GitHub.
/// </summary>
public static class DiagnosticCatalog
{
    // RG00xx (RG0001–RG0029): the command line and the machine it runs on.
    public static readonly RunGatesDiagnostic CommandLineInvalid = new("RG0001", DiagnosticSeverity.Error, "The command line is not valid");
    public static readonly RunGatesDiagnostic PathWrongKind = new("RG0002", DiagnosticSeverity.Error, "A path on the command line or in the runbook names the wrong kind of file");
    public static readonly RunGatesDiagnostic InputOutputFailed = new("RG0003", DiagnosticSeverity.Error, "A file could not be read or written");
    public static readonly RunGatesDiagnostic Cancelled = new("RG0004", DiagnosticSeverity.Error, "The command was cancelled by a signal");
    public static readonly RunGatesDiagnostic InternalError = new("RG0005", DiagnosticSeverity.Error, "RunGates failed unexpectedly");
    public static readonly RunGatesDiagnostic BundleFileMalformed = new("RG0006", DiagnosticSeverity.Error, "A file of a committed bundle is not in the form RunGates writes");

    // RG1xxx: the runbook itself.
    public static readonly RunGatesDiagnostic YamlSyntax = new("RG1001", DiagnosticSeverity.Error, "rungates.yml is not valid YAML");
    public static readonly RunGatesDiagnostic UnknownKey = new("RG1002", DiagnosticSeverity.Error, "Unknown key in rungates.yml");
    public static readonly RunGatesDiagnostic WrongType = new("RG1003", DiagnosticSeverity.Error, "A value in rungates.yml has the wrong type");
    public static readonly RunGatesDiagnostic MissingKey = new("RG1004", DiagnosticSeverity.Error, "A required key is missing from rungates.yml");
    public static readonly RunGatesDiagnostic DuplicateCheckId = new("RG1005", DiagnosticSeverity.Error, "Two checks share an id");
    public static readonly RunGatesDiagnostic InvalidRegex = new("RG1006", DiagnosticSeverity.Error, "A matches: pattern is not a valid regular expression");
    public static readonly RunGatesDiagnostic InvalidGlob = new("RG1007", DiagnosticSeverity.Error, "A glob is not valid");
    public static readonly RunGatesDiagnostic UnsupportedVersion = new("RG1008", DiagnosticSeverity.Error, "rungates.yml declares a version this tool does not read");
    public static readonly RunGatesDiagnostic UndefinedVariable = new("RG1009", DiagnosticSeverity.Error, "A ${VAR} names an unset environment variable");
    public static readonly RunGatesDiagnostic InvalidValue = new("RG1010", DiagnosticSeverity.Error, "A value in rungates.yml is not one of those allowed");
    public static readonly RunGatesDiagnostic RunbookNotFound = new("RG1011", DiagnosticSeverity.Error, "rungates.yml was not found");
    public static readonly RunGatesDiagnostic AmbiguousCheckKind = new("RG1012", DiagnosticSeverity.Error, "A check names no kind, or more than one");
    public static readonly RunGatesDiagnostic InvalidPath = new("RG1013", DiagnosticSeverity.Error, "A document path or file path is not valid");
    public static readonly RunGatesDiagnostic UnknownWaiverCheck = new("RG1014", DiagnosticSeverity.Error, "A waiver names a check that does not exist");
    public static readonly RunGatesDiagnostic InvalidRunId = new("RG1015", DiagnosticSeverity.Error, "The run id template is not valid");
    public static readonly RunGatesDiagnostic WaiverOnBlocker = new("RG1016", DiagnosticSeverity.Error, "A waiver names a blocker, which no waiver can cover");
    public static readonly RunGatesDiagnostic InvalidReference = new("RG1017", DiagnosticSeverity.Error, "A reference (REF) to a value is not valid");
    public static readonly RunGatesDiagnostic ElementReferenceOutsideSelection = new("RG1018", DiagnosticSeverity.Error, "'@' names the element under test where no [*] or filter selects one");
    public static readonly RunGatesDiagnostic RunReferenceInPreflight = new("RG1019", DiagnosticSeverity.Error, "A reference reads run.json in pre-flight, before it exists");
    public static readonly RunGatesDiagnostic InvalidFilter = new("RG1020", DiagnosticSeverity.Error, "A filter [?EXPR] in a document path is not valid");
    public static readonly RunGatesDiagnostic InvalidGroup = new("RG1021", DiagnosticSeverity.Error, "any-of, all-of or none-of is not a non-empty list of maps");
    public static readonly RunGatesDiagnostic InvalidCount = new("RG1022", DiagnosticSeverity.Error, "count: is not a matcher map, or shares a selection with other matchers");
    public static readonly RunGatesDiagnostic KeysNotLast = new("RG1023", DiagnosticSeverity.Error, "'*~' (the keys of an object) is not the last step of a path");
    public static readonly RunGatesDiagnostic OuterOutsideReference = new("RG1024", DiagnosticSeverity.Error, "'^' (the outer element of a join) is used outside the REF of a -field matcher");
    public static readonly RunGatesDiagnostic InvalidIfNone = new("RG1025", DiagnosticSeverity.Error, "if-none: is not 'pass', or is not on a bundle:LATEST reference of a -field matcher or a ledger: check");
    public static readonly RunGatesDiagnostic InvalidFileNameReference = new("RG1026", DiagnosticSeverity.Error, "A file-name: reference is not valid");
    public static readonly RunGatesDiagnostic InvalidLedgerCheck = new("RG1030", DiagnosticSeverity.Error, "A ledger: check's map is not consistent");
    public static readonly RunGatesDiagnostic InfeasibleWithoutCondition = new("RG1031", DiagnosticSeverity.Error, "infeasible: is used without infeasible-when");
    public static readonly RunGatesDiagnostic InvalidCovers = new("RG1032", DiagnosticSeverity.Error, "A covers: check is not valid");
    public static readonly RunGatesDiagnostic PathLeavesRoot = new("RG1040", DiagnosticSeverity.Error, "A path in rungates.yml is absolute or climbs out of its root");
    public static readonly RunGatesDiagnostic IdNotAFileName = new("RG1041", DiagnosticSeverity.Error, "A step or check id cannot name a file");
    public static readonly RunGatesDiagnostic ReservedBundleName = new("RG1050", DiagnosticSeverity.Error, "The runbook names a file RunGates writes into every bundle itself");
    public static readonly RunGatesDiagnostic SecretInName = new("RG1055", DiagnosticSeverity.Error, "A name or id is derived from a secret");
    public static readonly RunGatesDiagnostic InvalidBundleLedger = new("RG1060", DiagnosticSeverity.Error, "A ledger: check's bundle: file is not bundle:<LATEST|run id>/<path>");

    // RG2xxx: pre-flight checks that failed, one code per check kind.
    public static readonly RunGatesDiagnostic PreflightExpect = new("RG2001", DiagnosticSeverity.Error, "Pre-flight expect failed");
    public static readonly RunGatesDiagnostic PreflightFiles = new("RG2002", DiagnosticSeverity.Error, "Pre-flight files are missing");
    public static readonly RunGatesDiagnostic PreflightSame = new("RG2003", DiagnosticSeverity.Error, "Pre-flight values differ");
    public static readonly RunGatesDiagnostic PreflightTools = new("RG2004", DiagnosticSeverity.Error, "A tool is missing or not at its pinned version");
    public static readonly RunGatesDiagnostic PreflightEnv = new("RG2005", DiagnosticSeverity.Error, "A required environment variable is not set");
    public static readonly RunGatesDiagnostic PreflightLinks = new("RG2006", DiagnosticSeverity.Error, "A Markdown link does not resolve");
    public static readonly RunGatesDiagnostic PreflightCommand = new("RG2007", DiagnosticSeverity.Error, "A pre-flight command failed");
    public static readonly RunGatesDiagnostic PreflightLedger = new("RG2008", DiagnosticSeverity.Error, "A pre-flight ledger does not verify");
    public static readonly RunGatesDiagnostic PreflightReproducible = new("RG2009", DiagnosticSeverity.Error, "Pre-flight evidence differs from the reference bundle");
    public static readonly RunGatesDiagnostic PreflightApprovals = new("RG2010", DiagnosticSeverity.Error, "Not enough approving reviews");
    public static readonly RunGatesDiagnostic PreflightCovers = new("RG2011", DiagnosticSeverity.Error, "A pre-flight value is not covered by any record");
    public static readonly RunGatesDiagnostic PreflightMissing = new("RG2020", DiagnosticSeverity.Error, "A pre-flight check's evidence is missing or it did not run");
    public static readonly RunGatesDiagnostic PreflightInfeasible = new("RG2021", DiagnosticSeverity.Error, "A pre-flight check is infeasible");
    public static readonly RunGatesDiagnostic PreflightPatternTimeout = new("RG2045", DiagnosticSeverity.Error, "A pre-flight matches: pattern took longer than its time limit");
    public static readonly RunGatesDiagnostic StepFailed = new("RG2050", DiagnosticSeverity.Error, "A step failed or timed out");

    // RG3xxx: gates that failed, one code per check kind, numbered as in pre-flight.
    public static readonly RunGatesDiagnostic GateExpect = new("RG3001", DiagnosticSeverity.Error, "Gate expect failed");
    public static readonly RunGatesDiagnostic GateFiles = new("RG3002", DiagnosticSeverity.Error, "Gate files are missing");
    public static readonly RunGatesDiagnostic GateSame = new("RG3003", DiagnosticSeverity.Error, "Values that must be the same differ");
    public static readonly RunGatesDiagnostic GateTools = new("RG3004", DiagnosticSeverity.Error, "A tool is missing or not at its pinned version");
    public static readonly RunGatesDiagnostic GateEnv = new("RG3005", DiagnosticSeverity.Error, "A required environment variable is not set");
    public static readonly RunGatesDiagnostic GateLinks = new("RG3006", DiagnosticSeverity.Error, "A Markdown link does not resolve");
    public static readonly RunGatesDiagnostic GateCommand = new("RG3007", DiagnosticSeverity.Error, "A gate command failed");
    public static readonly RunGatesDiagnostic GateLedger = new("RG3008", DiagnosticSeverity.Error, "A ledger does not verify");
    public static readonly RunGatesDiagnostic GateReproducible = new("RG3009", DiagnosticSeverity.Error, "Evidence differs from the reference bundle");
    public static readonly RunGatesDiagnostic GateApprovals = new("RG3010", DiagnosticSeverity.Error, "Not enough approving reviews");
    public static readonly RunGatesDiagnostic GateCovers = new("RG3011", DiagnosticSeverity.Error, "A value is not covered by any record");
    public static readonly RunGatesDiagnostic GateMissing = new("RG3020", DiagnosticSeverity.Error, "A gate's evidence is missing or it did not run");
    public static readonly RunGatesDiagnostic GateInfeasible = new("RG3021", DiagnosticSeverity.Error, "A gate is infeasible");
    public static readonly RunGatesDiagnostic WaiverExpired = new("RG3030", DiagnosticSeverity.Warning, "A waiver has expired and covers nothing");
    public static readonly RunGatesDiagnostic GatePatternTimeout = new("RG3045", DiagnosticSeverity.Error, "A matches: pattern took longer than its time limit");

    // RG4xxx: ledger and bundle integrity.
    public static readonly RunGatesDiagnostic DigestMismatch = new("RG4001", DiagnosticSeverity.Error, "A file's SHA-256 does not match its recorded digest");
    public static readonly RunGatesDiagnostic FileMissing = new("RG4002", DiagnosticSeverity.Error, "A file listed in a ledger or artifact index is missing");
    public static readonly RunGatesDiagnostic FileUnlisted = new("RG4003", DiagnosticSeverity.Error, "A file on disk is not listed");
    public static readonly RunGatesDiagnostic PathEscapesRoot = new("RG4004", DiagnosticSeverity.Error, "A path leaves the root it must stay under");
    public static readonly RunGatesDiagnostic BundleUncommitted = new("RG4005", DiagnosticSeverity.Error, "The bundle has no artifact_index.json: it was never committed");
    public static readonly RunGatesDiagnostic MalformedLedgerLine = new("RG4006", DiagnosticSeverity.Error, "A ledger line or digest-index entry is malformed");
    public static readonly RunGatesDiagnostic BundleNotFound = new("RG4007", DiagnosticSeverity.Error, "The bundle or LATEST does not exist");
    public static readonly RunGatesDiagnostic MalformedArtifactIndex = new("RG4008", DiagnosticSeverity.Error, "artifact_index.json cannot be read");
    public static readonly RunGatesDiagnostic BundleInvalidated = new("RG4009", DiagnosticSeverity.Error, "The bundle has been invalidated");
    public static readonly RunGatesDiagnostic LedgerConflict = new("RG4010", DiagnosticSeverity.Error, "A path is listed with two different digests");
    public static readonly RunGatesDiagnostic PacketUnreadable = new("RG4015", DiagnosticSeverity.Error, "The promotion packet cannot be read");
    public static readonly RunGatesDiagnostic PacketFieldMissing = new("RG4016", DiagnosticSeverity.Error, "A field of the promotion packet is missing");
    public static readonly RunGatesDiagnostic PacketFieldDisagrees = new("RG4017", DiagnosticSeverity.Error, "A field of the promotion packet disagrees with the committed bundle");
    public static readonly RunGatesDiagnostic PacketFieldUnknown = new("RG4018", DiagnosticSeverity.Error, "The promotion packet has a field RunGates does not know");
    public static readonly RunGatesDiagnostic PromotionRecordInconsistent = new("RG4019", DiagnosticSeverity.Error, "The committed results.json or run.json cannot back a promotion decision");
    public static readonly RunGatesDiagnostic BundleLockTimeout = new("RG4020", DiagnosticSeverity.Error, "The bundles' lock stayed busy past the timeout");
    public static readonly RunGatesDiagnostic BundleCommitIncomplete = new("RG4021", DiagnosticSeverity.Error, "The bundle's commit stopped after the index: its promotion packet is missing");
    public static readonly RunGatesDiagnostic ReservedFileWritten = new("RG4022", DiagnosticSeverity.Error, "A file RunGates writes itself was written into the bundle by someone else");
    public static readonly RunGatesDiagnostic InvalidateUncommitted = new("RG4023", DiagnosticSeverity.Error, "Only a committed bundle can be invalidated");
    public static readonly RunGatesDiagnostic NotARegularFile = new("RG4030", DiagnosticSeverity.Error, "A listed or selected path is a named pipe, device, socket or pseudo file, not a regular file");
    public static readonly RunGatesDiagnostic PseudoFileSystemRoot = new("RG4031", DiagnosticSeverity.Error, "A ledger root or folder is on a kernel pseudo file system such as /proc");
    public static readonly RunGatesDiagnostic StatusLogUnreadable = new("RG4032", DiagnosticSeverity.Error, "status.jsonl beside the bundles cannot be read, so no invalidation can be ruled out");
    public static readonly RunGatesDiagnostic LedgerRootMissing = new("RG4033", DiagnosticSeverity.Error, "The run's ledger.root does not exist, so its ledger cannot be written");
    public static readonly RunGatesDiagnostic TooManyShards = new("RG4036", DiagnosticSeverity.Error, "More shards than the process may hold open at once: nothing was merged");

    // RG5xxx: promotion.
    public static readonly RunGatesDiagnostic NotPromotable = new("RG5001", DiagnosticSeverity.Error, "The run is not promotable");
    public static readonly RunGatesDiagnostic VerdictBelowThreshold = new("RG5002", DiagnosticSeverity.Error, "The verdict is below the required threshold");

    // RG6xxx: reporting to GitHub.
    public static readonly RunGatesDiagnostic GitHubAccessDenied = new("RG6001", DiagnosticSeverity.Warning, "GitHub refused the token: resource not accessible by integration");
    public static readonly RunGatesDiagnostic AnnotationsCapped = new("RG6002", DiagnosticSeverity.Warning, "More annotations than max-annotations: the rest are not shown");
    public static readonly RunGatesDiagnostic GitHubRetriesExhausted = new("RG6003", DiagnosticSeverity.Error, "GitHub kept failing after every retry");
    public static readonly RunGatesDiagnostic GitHubEventUnreadable = new("RG6004", DiagnosticSeverity.Error, "The GitHub event or GITHUB_* environment cannot be read");
    public static readonly RunGatesDiagnostic GitHubRequestRejected = new("RG6005", DiagnosticSeverity.Error, "GitHub rejected a request");
    public static readonly RunGatesDiagnostic GitHubTokenMissing = new("RG6006", DiagnosticSeverity.Warning, "No GitHub token: nothing was posted to the API");

    /// <summary>Every diagnostic, in code order.</summary>
    public static IReadOnlyList<RunGatesDiagnostic> All { get; } =
        typeof(DiagnosticCatalog).GetFields()
            .Where(f => f.FieldType == typeof(RunGatesDiagnostic))
            .Select(f => (RunGatesDiagnostic)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();

    public static RunGatesDiagnostic? Find(string code) => All.FirstOrDefault(d => d.Code == code);

    /// <summary>The code for a check that did not pass: by phase, then by outcome and kind.</summary>
    public static RunGatesDiagnostic ForCheck(Phase phase, string kind, Outcome outcome)
    {
        var preflight = phase == Phase.Preflight;
        return outcome switch
        {
            Outcome.Missing => preflight ? PreflightMissing : GateMissing,
            Outcome.Infeasible => preflight ? PreflightInfeasible : GateInfeasible,
            _ => kind switch
            {
                "expect" => preflight ? PreflightExpect : GateExpect,
                "files" => preflight ? PreflightFiles : GateFiles,
                "same" => preflight ? PreflightSame : GateSame,
                "tools" => preflight ? PreflightTools : GateTools,
                "env" => preflight ? PreflightEnv : GateEnv,
                "links" => preflight ? PreflightLinks : GateLinks,
                "command" => preflight ? PreflightCommand : GateCommand,
                "ledger" => preflight ? PreflightLedger : GateLedger,
                "reproducible" => preflight ? PreflightReproducible : GateReproducible,
                "approvals" => preflight ? PreflightApprovals : GateApprovals,
                "covers" => preflight ? PreflightCovers : GateCovers,
                "step" => StepFailed,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No diagnostic for this check kind."),
            },
        };
    }
}
