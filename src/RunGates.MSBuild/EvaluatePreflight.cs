using Microsoft.Build.Framework;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.MSBuild;

/// <summary>
/// Runs the runbook's pre-flight checks (no bundle, no steps, no gates). When they meet the threshold it writes a stamp
/// and the list of files they read into <see cref="StateDirectory"/>, which the target uses as Inputs and Outputs so an
/// unchanged build skips pre-flight.
/// </summary>
public sealed class EvaluatePreflight : RunGatesTask
{
    public const string StampFile = "preflight.stamp";
    public const string InputsFile = "preflight.inputs";

    [Required]
    public string StateDirectory { get; set; } = "";

    [Output]
    public string Verdict { get; set; } = "";

    protected override bool ExecuteCore()
    {
        var runbook = LoadRunbook();
        var options = new RunOptions { Environment = ReadEnvironment() };
        var result = new RunPipeline(runbook, options).RunPreflightAsync(CancellationToken.None).GetAwaiter().GetResult();
        Verdict = result.Verdict.ToKeyword();
        var passed = Report(result);

        Directory.CreateDirectory(StateDirectory);
        var stamp = Path.Combine(StateDirectory, StampFile);
        if (passed)
        {
            File.WriteAllLines(Path.Combine(StateDirectory, InputsFile), result.InputFiles.Where(File.Exists));
            File.WriteAllText(stamp, Verdict + Environment.NewLine);
        }
        else if (File.Exists(stamp))
        {
            // A failing pre-flight must run again next build, however old its inputs are.
            File.Delete(stamp);
        }

        return passed;
    }
}
