using System.Text.RegularExpressions;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Checks;

/// <summary>A temporary folder holding rungates.yml and evidence, and the context checks evaluate in.</summary>
internal sealed class CheckFixture : IDisposable
{
    public static readonly SourcePosition At = new("rungates.yml", 3, 5);

    public CheckFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "rungates-checks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Evidence = Path.Combine(Root, "evidence");
        Directory.CreateDirectory(Evidence);
        File.WriteAllText(Path.Combine(Root, "rungates.yml"), "version: 1\nname: test\n");
    }

    public string Root { get; }

    public string Evidence { get; }

    public string? Bundle { get; set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Secrets { get; set; } = [];

    public string Write(string relative, string text, bool inEvidence = true)
    {
        var path = Path.Combine(inEvidence ? Evidence : Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public CheckContext Context() => Context(EvidencePattern.CheckBudget);

    /// <summary>A context whose checks may spend <paramref name="patternTime"/> each in matches: patterns.</summary>
    public CheckContext Context(TimeSpan patternTime)
    {
        var masker = SecretMasker.For(Secrets, Environment);
        return new CheckContext
        {
            Runbook = new Runbook
            {
                SourcePath = Path.Combine(Root, "rungates.yml"),
                Digest = new string('0', 64),
                Name = "test",
                Run = new RunSettings { Bundles = Path.Combine(Root, "out") },
                Secrets = Secrets,
            },
            EvidenceDirectory = Evidence,
            BundleDirectory = Bundle,
            BundlesDirectory = Path.Combine(Root, "out"),
            Environment = Environment,
            Masker = masker,
            Processes = new ProcessRunner(masker),
            Documents = new EvidenceDocumentCache(),
            PatternTime = patternTime,
        };
    }

    public Task<CheckEvaluation> Evaluate(Check check) => check.EvaluateAsync(Context(), CancellationToken.None).AsTask();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does no harm.
        }
    }

    public static EvidenceNode Value(string text, EvidenceNodeKind kind = EvidenceNodeKind.String) => EvidenceNode.Scalar(kind, text, () => At);

    public static EvidenceNode Number(string text) => Value(text, EvidenceNodeKind.Number);

    public static Matcher Is(MatcherKind kind, EvidenceNode value) => new(kind, At) { Value = value };

    public static Matcher OneOf(MatcherKind kind, params string[] values) => new(kind, At) { Values = values.Select(v => Value(v)).ToList() };

    public static Matcher Matching(string pattern) => new(MatcherKind.Matches, At) { Pattern = new Regex(pattern) };

    public static Matcher Exists(bool present) => new(MatcherKind.Exists, At) { Value = Value(present ? "true" : "false", EvidenceNodeKind.Boolean) };

    public static Matcher NotEqualField(string path) => FieldMatcher(MatcherKind.NotEqualField, path);

    /// <summary>A <c>-field</c> matcher (or digest-of) with its REF in the string form.</summary>
    public static Matcher FieldMatcher(MatcherKind kind, string reference) =>
        ValueReference.TryParse(reference, At, out var parsed, out var error) ? new(kind, At) { Reference = parsed } : throw new ArgumentException(error);

    public static FieldExpectation Field(string path, params Matcher[] matchers) => new(DocumentPath.Parse(path), matchers, At);

    public static FieldExpectation FieldEquals(string path, string value) => Field(path, Is(MatcherKind.EqualTo, Value(value)));
}
