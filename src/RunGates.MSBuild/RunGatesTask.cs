using System.Collections;
using Microsoft.Build.Framework;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.MSBuild;

/// <summary>
/// What every RunGates task shares: loading the runbook, and turning Core's diagnostics into MSBuild errors and
/// warnings with code, file, line, column and help link, so the build prints the compiler's
/// <c>path(line,col): error RGxxxx: message</c>.
/// </summary>
public abstract class RunGatesTask : Microsoft.Build.Utilities.Task
{
    private const string? Subcategory = null;

    /// <summary>The rungates.yml to use.</summary>
    public string Spec { get; set; } = "";

    /// <summary>The worst verdict that does not fail the build: pass, partial, incomplete or reject.</summary>
    public string FailOn { get; set; } = "partial";

    /// <summary>The parsed <see cref="FailOn"/>, valid once <see cref="ExecuteCore"/> runs.</summary>
    protected Verdict Threshold { get; private set; }

    public sealed override bool Execute()
    {
        if (!VerdictKeywords.TryParse(FailOn, out var threshold))
        {
            Log.LogError(Subcategory, DiagnosticCatalog.InvalidValue.Code, null, DiagnosticCatalog.InvalidValue.HelpLink, null, 0, 0, 0, 0,
                $"RunGatesFailOn is '{FailOn}'; expected one of {string.Join(", ", VerdictKeywords.All)}.");
            return false;
        }

        Threshold = threshold;
        try
        {
            return ExecuteCore();
        }
        catch (RunbookException e)
        {
            foreach (var error in e.Errors)
            {
                Log.LogError(Subcategory, error.Diagnostic.Code, null, error.Diagnostic.HelpLink, error.Position.File, error.Position.Line, error.Position.Column, 0, 0, DiagnosticText.WithHint(error.Message, error.Hint));
            }

            return false;
        }
        catch (BundleException e)
        {
            // A bundle-state change refused (a step wrote a file RunGates keeps, the bundles' lock stayed busy): a build error, not a crash.
            Log.LogError(Subcategory, e.Diagnostic.Code, null, e.Diagnostic.HelpLink, null, 0, 0, 0, 0, e.Message);
            return false;
        }
    }

    protected abstract bool ExecuteCore();

    protected Runbook LoadRunbook() => new RunbookLoader(ReadEnvironment()).Load(Path.GetFullPath(Spec));

    protected static IReadOnlyDictionary<string, string> ReadEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return environment;
    }

    /// <summary>
    /// Logs the run's diagnostics and, when the verdict is below <see cref="FailOn"/>, fails. A run that meets the
    /// threshold logs its failures as warnings, because an MSBuild error always fails the build.
    /// </summary>
    protected bool Report(RunResult result)
    {
        var meets = VerdictEvaluator.Meets(result.Verdict, Threshold);
        foreach (var diagnostic in RunDiagnostics.From(result))
        {
            var position = diagnostic.Position;
            if (!meets && diagnostic.Severity == DiagnosticSeverity.Error)
            {
                Log.LogError(Subcategory, diagnostic.Code, null, diagnostic.Diagnostic.HelpLink, position.File, position.Line, position.Column, 0, 0, diagnostic.Message);
            }
            else
            {
                Log.LogWarning(Subcategory, diagnostic.Code, null, diagnostic.Diagnostic.HelpLink, position.File, position.Line, position.Column, 0, 0, diagnostic.Message);
            }
        }

        var summary = $"rungates: {result.Runbook.Name}: {result.Verdict.ToKeyword()} ({result.VerdictName}){(result.BundleDirectory is null ? "" : " bundle " + result.BundleDirectory)}";
        if (meets)
        {
            Log.LogMessage(MessageImportance.High, summary);
            return true;
        }

        // Every failing check was logged as an error already, unless all were advisory: then say why the build fails.
        if (!Log.HasLoggedErrors)
        {
            var code = DiagnosticCatalog.VerdictBelowThreshold;
            Log.LogError(Subcategory, code.Code, null, code.HelpLink, result.Runbook.SourcePath, 0, 0, 0, 0,
                $"{summary} is below RunGatesFailOn={FailOn}");
        }
        else
        {
            Log.LogMessage(MessageImportance.High, summary + $", below RunGatesFailOn={FailOn}");
        }

        return false;
    }
}
