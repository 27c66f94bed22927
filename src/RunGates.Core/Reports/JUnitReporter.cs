using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using RunGates.Core.Checks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as JUnit XML, one testcase per check.</summary>
/// <remarks>
/// One testsuite per phase (pre-flight, steps when there are any, gates), one testcase per check or step.
/// <list type="bullet">
/// <item><c>failed</c> is a <c>&lt;failure&gt;</c> whose type is the diagnostic code, advisory or not: the check did fail.</item>
/// <item><c>missing</c> and <c>infeasible</c> are an <c>&lt;error&gt;</c>, not <c>&lt;skipped&gt;</c>: both make the run
/// incomplete (a CI failure), and a test viewer must not hide them as if they were deliberate skips.</item>
/// <item><c>waived</c> is <c>&lt;skipped&gt;</c> with the waiver (who, until when, why) as its message: the run accepted it.</item>
/// </list>
/// </remarks>
public static class JUnitReporter
{
    public static string Render(RunResult result, string baseDirectory)
    {
        var suites = new List<XElement> { Suite(result, Phase.Preflight, baseDirectory) };
        if (result.Steps.Count > 0)
        {
            suites.Add(StepsSuite(result));
        }

        suites.Add(Suite(result, Phase.Gates, baseDirectory));
        var root = new XElement(
            "testsuites",
            new XAttribute("name", Clean($"rungates/{result.Runbook.Name}")),
            Totals(suites),
            suites);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement Suite(RunResult result, Phase phase, string baseDirectory)
    {
        var checks = result.Checks.Where(c => c.Phase == phase).ToList();
        var cases = checks.Select(c => Case(result, c, baseDirectory)).ToList();
        return new XElement(
            "testsuite",
            new XAttribute("name", Clean($"{result.Runbook.Name}.{ReportText.Word(phase)}")),
            Counts(cases),
            new XAttribute("time", Seconds(checks.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration))),
            new XAttribute("timestamp", result.Manifest.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement(
                "properties",
                Property("run_id", result.Manifest.RunId),
                Property("verdict", result.Verdict.ToKeyword()),
                Property("verdict_name", result.VerdictName)),
            cases);
    }

    private static XElement StepsSuite(RunResult result)
    {
        var cases = result.Steps.Select(step =>
        {
            var testcase = new XElement(
                "testcase",
                new XAttribute("name", Clean(step.Id)),
                new XAttribute("classname", Clean($"rungates.{result.Runbook.Name}.steps")),
                new XAttribute("time", Seconds(step.Duration)));
            if (!step.Succeeded)
            {
                testcase.Add(new XElement(
                    "failure",
                    new XAttribute("message", Clean(step.Error ?? "failed")),
                    new XAttribute("type", Diagnostics.DiagnosticCatalog.StepFailed.Code),
                    Clean($"log: {step.LogFile}")));
            }

            return testcase;
        }).ToList();
        return new XElement(
            "testsuite",
            new XAttribute("name", Clean($"{result.Runbook.Name}.steps")),
            Counts(cases),
            new XAttribute("time", Seconds(result.Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration))),
            new XAttribute("timestamp", result.Manifest.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
    }

    private static XElement Case(RunResult result, CheckResult check, string baseDirectory)
    {
        var testcase = new XElement(
            "testcase",
            new XAttribute("name", Clean(check.Id)),
            new XAttribute("classname", Clean($"rungates.{result.Runbook.Name}.{ReportText.Word(check.Phase)}")),
            new XAttribute("file", Clean(ReportText.Path(check.SpecPosition.File, baseDirectory))),
            new XAttribute("line", check.SpecPosition.Line),
            new XAttribute("time", Seconds(check.Duration)));
        var code = ReportText.Diagnostic(check)?.Code ?? "";
        var details = Details(check, baseDirectory);
        switch (check.Outcome)
        {
            case Outcome.Failed:
                testcase.Add(new XElement("failure", new XAttribute("message", Clean(check.Message)), new XAttribute("type", code), Clean(details)));
                break;
            case Outcome.Missing or Outcome.Infeasible when check.CountedOutcome != Outcome.Passed:
                testcase.Add(new XElement("error", new XAttribute("message", Clean(check.Message)), new XAttribute("type", code), Clean(details)));
                break;
            case Outcome.Waived:
                var waiver = check.Waiver;
                var message = waiver is null
                    ? check.Message
                    : $"waived by {waiver.By} until {waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {waiver.Reason}";
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean(message)), Clean(details)));
                break;
        }

        return testcase;
    }

    private static string Details(CheckResult check, string baseDirectory)
    {
        var text = new StringBuilder();
        text.Append(ReportText.Word(check.Severity)).Append(' ').Append(check.Kind).Append(" check at ").AppendLine(check.SpecPosition.ToString(baseDirectory));
        foreach (var finding in check.Findings)
        {
            text.AppendLine(ReportText.Finding(check, finding, baseDirectory));
        }

        return text.ToString();
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static IEnumerable<XAttribute> Counts(IReadOnlyList<XElement> cases) =>
    [
        new("tests", cases.Count),
        new("failures", cases.Count(c => c.Element("failure") is not null)),
        new("errors", cases.Count(c => c.Element("error") is not null)),
        new("skipped", cases.Count(c => c.Element("skipped") is not null)),
    ];

    private static IEnumerable<XAttribute> Totals(IReadOnlyList<XElement> suites) =>
        new[] { "tests", "failures", "errors", "skipped" }.Select(name => new XAttribute(name, suites.Sum(s => (int)s.Attribute(name)!)))
            .Append(new XAttribute("time", Seconds(TimeSpan.FromSeconds(suites.Sum(s => double.Parse((string)s.Attribute("time")!, CultureInfo.InvariantCulture))))));

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (control characters from command output, lone surrogates).</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }

        return clean.ToString();
    }
}
