using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary><c>tools:</c> each tool runs and reports the pinned version.</summary>
public sealed record ToolsCheck : Check
{
    /// <summary>How long one <c>--version</c> may take.</summary>
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(60);

    public required IReadOnlyList<ToolPin> Tools { get; init; }

    public override string Kind => "tools";

    public override string Describe() => $"Checks that {string.Join(", ", Tools.Select(t => t.Tool))} run at their pinned versions.";

    public override CheckInputs Inputs(CheckContext context) => CheckInputs.Always("a tools check runs the tools");

    public override async ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var found = new List<string>();
        foreach (var pin in Tools)
        {
            string? wanted = pin.Version;
            if (wanted is null && pin.VersionFile is { } file)
            {
                var versionFile = Path.GetFullPath(file, context.SpecDirectory);
                if (context.Escape(context.SpecDirectory, versionFile) is { } refusal)
                {
                    findings.Add(new CheckFinding($"{pin.Tool}: version-file {file}: {refusal}", pin.Position, "a file inside the folder of rungates.yml", "a path leading outside"));
                    continue;
                }

                var (version, error) = ToolVersions.ReadPin(versionFile, pin.Tool);
                if (version is null)
                {
                    findings.Add(new CheckFinding($"{pin.Tool}: no version pin: {error}", pin.Position, "a version in " + file, "none"));
                    continue;
                }

                wanted = version;
            }

            var result = await context.Processes
                .RunAsync(CommandSpec.Direct([pin.Tool, "--version"]), context.SpecDirectory, null, VersionTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (result.StartError is not null)
            {
                findings.Add(new CheckFinding($"{pin.Tool} is not installed or cannot start: {result.StartError}", pin.Position, wanted ?? "installed", "not found"));
                continue;
            }

            if (!result.Succeeded())
            {
                var how = result.TimedOut ? $"timed out after {VersionTimeout.TotalSeconds:0}s" : $"exited with {result.ExitCode}";
                // dotnet exits 155 here when global.json pins an SDK that is not installed; its first line says which.
                var said = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                findings.Add(new CheckFinding($"{pin.Tool} --version {how}{(said is null ? "" : ": " + said)}", pin.Position, wanted ?? "installed", how));
                continue;
            }

            var actual = ToolVersions.Parse(result.Output);
            if (wanted is null)
            {
                found.Add($"{pin.Tool} {actual ?? "(no version shown)"}");
                continue;
            }

            if (actual is null)
            {
                findings.Add(new CheckFinding($"{pin.Tool} --version shows no version number, expected {ToolVersions.Strip(wanted)}", pin.Position, ToolVersions.Strip(wanted), result.Output.Trim()));
            }
            else if (!ToolVersions.Matches(wanted, actual))
            {
                var source = pin.VersionFile is null ? "" : $" (pinned in {pin.VersionFile})";
                findings.Add(new CheckFinding($"{pin.Tool} is {actual}, expected {ToolVersions.Strip(wanted)}{source}", pin.Position, ToolVersions.Strip(wanted), actual));
            }
            else
            {
                found.Add($"{pin.Tool} {actual}");
            }
        }

        return findings.Count == 0
            ? CheckEvaluation.Passed(string.Join(", ", found))
            : CheckEvaluation.Failed(string.Join("; ", findings.Select(f => f.Message)), findings);
    }
}
