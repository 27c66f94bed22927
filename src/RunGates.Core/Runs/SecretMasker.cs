using System.Text.Encodings.Web;
using System.Text.Json;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Runs;

/// <summary>
/// The one masking rule of RunGates: the value of every variable named under <c>secrets:</c> becomes <c>***</c> in
/// everything RunGates prints or writes. A value is masked whole and, when it spans lines, line by line too, because
/// output is read, escaped and reported one line at a time. Longer values are replaced first so that a secret
/// containing another is masked whole. Structured records are masked field by field before they are serialised or
/// escaped (JSON, XML, Markdown, workflow commands), so an encoding can never hide a value from the mask.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Shorter values (or lines) would mask ordinary text everywhere and protect little.</summary>
    public const int MinimumLength = 3;

    private readonly string[] _secrets;
    private readonly string[] _values;

    public SecretMasker(IEnumerable<string?> values)
    {
        _secrets = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToArray();
        _values = _secrets
            .SelectMany(Forms)
            .Where(v => v.Trim().Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ThenBy(v => v, StringComparer.Ordinal)
            .ToArray();
    }

    public static SecretMasker None { get; } = new([]);

    /// <summary>The masker for <paramref name="secretNames"/> as set in <paramref name="environment"/>.</summary>
    public static SecretMasker For(IEnumerable<string> secretNames, IReadOnlyDictionary<string, string> environment) =>
        new(secretNames.Select(name => environment.GetValueOrDefault(name)));

    public bool IsEmpty => _values.Length == 0;

    /// <summary>This masker and <paramref name="other"/>'s values together (the runbook's at load, the run's environment).</summary>
    public SecretMasker With(SecretMasker other) => other.IsEmpty ? this : IsEmpty ? other : new(_secrets.Concat(other._secrets));

    /// <summary>Whether <paramref name="text"/> carries a secret, or one of its lines.</summary>
    public bool Reveals(string? text) => text is not null && _values.Any(v => text.Contains(v, StringComparison.Ordinal));

    public string Apply(string text)
    {
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    public SourcePosition Apply(SourcePosition position) => Reveals(position.File) ? position with { File = Apply(position.File) } : position;

    public RunbookError Apply(RunbookError error) => error with { Message = Apply(error.Message), Hint = ApplyOrNull(error.Hint), Position = Apply(error.Position) };

    public CheckFinding Apply(CheckFinding finding) => finding with
    {
        Message = Apply(finding.Message),
        Expected = ApplyOrNull(finding.Expected),
        Actual = ApplyOrNull(finding.Actual),
        Position = finding.Position is null ? null : Apply(finding.Position),
    };

    public Waiver? Apply(Waiver? waiver) => waiver is null ? null : waiver with { Check = Apply(waiver.Check), Reason = Apply(waiver.Reason), By = Apply(waiver.By), Position = Apply(waiver.Position) };

    public CheckResult Apply(CheckResult check) => check with
    {
        Id = Apply(check.Id),
        Message = Apply(check.Message),
        SpecPosition = Apply(check.SpecPosition),
        Findings = check.Findings.Select(Apply).ToList(),
        Waiver = Apply(check.Waiver),
        ExpiredWaiver = Apply(check.ExpiredWaiver),
        LogFile = ApplyOrNull(check.LogFile),
    };

    public StepResult Apply(StepResult step) => step with { Id = Apply(step.Id), LogFile = Apply(step.LogFile), Position = Apply(step.Position), Error = ApplyOrNull(step.Error) };

    /// <summary>run.json as it may be written: no recorded value, tool version, seed or id carries a secret.</summary>
    public RunManifest Apply(RunManifest manifest) => IsEmpty ? manifest : manifest with
    {
        RunId = Apply(manifest.RunId),
        Runbook = Apply(manifest.Runbook),
        Seed = ApplyOrNull(manifest.Seed),
        GitSha = ApplyOrNull(manifest.GitSha),
        Host = Apply(manifest.Host),
        Tools = Apply(manifest.Tools),
        Env = Apply(manifest.Env),
    };

    /// <summary>
    /// A run as every report, results.json and the promotion packet see it. The runbook itself is kept: it is what the
    /// promotion decision is recomputed from, and reports take only its name (refused at load if it carries a secret).
    /// Folders stay as they are on disk: the parts a runbook names are refused at load, and the run id is masked
    /// before its folder is made.
    /// </summary>
    public RunResult Apply(RunResult result) => IsEmpty ? result : result with
    {
        Manifest = Apply(result.Manifest),
        Checks = result.Checks.Select(Apply).ToList(),
        Steps = result.Steps.Select(Apply).ToList(),
        StoppedAt = ApplyOrNull(result.StoppedAt),
        PromotionReasons = result.PromotionReasons.Select(Apply).ToList(),
    };

    /// <summary>A results.json document, for reports made from one (GitHub, explain) when a runbook's secrets are known.</summary>
    public ResultsDocument Apply(ResultsDocument results) => IsEmpty ? results : results with
    {
        RunId = Apply(results.RunId),
        Runbook = Apply(results.Runbook),
        VerdictName = Apply(results.VerdictName),
        StoppedAt = ApplyOrNull(results.StoppedAt),
        PromotionReasons = results.PromotionReasons.Select(Apply).ToList(),
        Steps = results.Steps.Select(s => s with { Id = Apply(s.Id), Log = Apply(s.Log), Error = ApplyOrNull(s.Error) }).ToList(),
        Checks = results.Checks.Select(c => c with
        {
            Id = Apply(c.Id),
            Message = Apply(c.Message),
            Spec = c.Spec with { File = Apply(c.Spec.File) },
            Findings = c.Findings.Select(f => f with { Message = Apply(f.Message), Expected = ApplyOrNull(f.Expected), Actual = ApplyOrNull(f.Actual), Position = f.Position is null ? null : f.Position with { File = Apply(f.Position.File) } }).ToList(),
            Waiver = c.Waiver is null ? null : c.Waiver with { By = Apply(c.Waiver.By), Reason = Apply(c.Waiver.Reason) },
            ExpiredWaiver = c.ExpiredWaiver is null ? null : c.ExpiredWaiver with { By = Apply(c.ExpiredWaiver.By), Reason = Apply(c.ExpiredWaiver.Reason) },
            Log = ApplyOrNull(c.Log),
        }).ToList(),
    };

    /// <summary>Names and values masked, in name order as run.json records them.</summary>
    private SortedDictionary<string, string?> Apply(IReadOnlyDictionary<string, string?> recorded)
    {
        var masked = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in recorded)
        {
            masked[Apply(name)] = ApplyOrNull(value);
        }

        return masked;
    }

    /// <summary>
    /// The value whole and, for a multi-line value, each of its lines (with and without surrounding blanks); each also as
    /// JSON escapes it, for text that quotes a value the way a JSON document holds it.
    /// </summary>
    private static IEnumerable<string> Forms(string value)
    {
        var plain = new List<string> { value };
        if (value.IndexOfAny(['\n', '\r']) >= 0)
        {
            foreach (var line in value.Split(["\r\n", "\n", "\r"], StringSplitOptions.None))
            {
                plain.Add(line);
                plain.Add(line.Trim());
            }
        }

        foreach (var form in plain)
        {
            yield return form;
            yield return JsonEncodedText.Encode(form, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            yield return JsonEncodedText.Encode(form, JavaScriptEncoder.Default).ToString();
        }
    }
}
