using Microsoft.Build.Framework;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.MSBuild;

/// <summary>
/// Runs the runbook's pre-flight checks (no bundle, no steps, no gates). When they meet the threshold it records what
/// they depend on, as Core's check kinds list it (<see cref="RunInputs"/>), into <see cref="StateDirectory"/>: every
/// file read or required, present or absent (the target's Inputs: MSBuild runs it again when one is newer than the
/// stamp or does not exist), every glob with a digest of its matches (<see cref="ForgetStalePreflight"/>), and the
/// stamp (the Outputs). A check that no file vouches for (env, tools, command) leaves no stamp, so the next build
/// evaluates again.
/// </summary>
public sealed class EvaluatePreflight : RunGatesTask
{
    public const string StampFile = "preflight.stamp";
    public const string InputsFile = "preflight.inputs";

    [Required]
    public string StateDirectory { get; set; } = "";

    /// <summary>
    /// What the stamp vouches for beyond file times: the runbook and the threshold it passed under (a stricter
    /// RunGatesFailOn or another RunGatesSpec must evaluate again), then the verdict.
    /// </summary>
    public static string StampText(string spec, string failOn, string verdict) => $"spec: {spec}\nfail-on: {failOn}\nverdict: {verdict}\n";

    /// <summary>The part of <see cref="StampText"/> a later build compares: everything but the verdict.</summary>
    public static string StampKey(string spec, string failOn) => $"spec: {spec}\nfail-on: {failOn}\n";

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
        var inputs = result.PreflightInputs!;
        if (passed && inputs.Unrecorded.Count == 0)
        {
            // Absent files are listed too: MSBuild treats a missing input as out of date, so pre-flight runs until it appears.
            File.WriteAllLines(Path.Combine(StateDirectory, InputsFile), inputs.Files);
            File.WriteAllText(Path.Combine(StateDirectory, ForgetStalePreflight.GlobsFile), inputs.GlobRecord());
            File.WriteAllText(stamp, StampText(Path.GetFullPath(Spec), FailOn, Verdict));
            return passed;
        }

        if (passed)
        {
            Log.LogMessage(MessageImportance.Normal, $"RunGates: pre-flight runs on every build: {string.Join("; ", inputs.Unrecorded)}.");
        }

        // A failing pre-flight, or one that no file vouches for, must run again next build however old its inputs are.
        if (File.Exists(stamp))
        {
            File.Delete(stamp);
        }

        return passed;
    }
}
