using System.Text.RegularExpressions;
using RunGates.GitHub.Tests.Container;
using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// Runs a composite action's steps as the runner runs them, on this machine: each <c>run:</c> step with
/// <c>shell: bash</c> as <c>bash --noprofile --norc -eo pipefail FILE</c> (the runner's bash), its <c>env:</c>
/// evaluated, GITHUB_ACTION_PATH set to the action's folder and a GITHUB_OUTPUT file of its own, read back as the
/// step's outputs; the action's <c>outputs:</c> evaluated at the end; the first failing step ends the run.
/// <c>uses:</c> steps cannot run here: they are listed in <see cref="CompositeRun.SkippedUses"/> for the test to
/// pin. The only expressions known are <c>inputs.NAME</c>, <c>runner.temp</c> and <c>steps.ID.outputs.NAME</c>;
/// any other fails the run, so a step cannot silently depend on something this runner does not give.
/// </summary>
internal sealed partial class CompositeActionRunner(string actionFile)
{
    private readonly YamlMappingNode action = ActionMetadata.Load(actionFile);

    /// <summary>Inputs by name; the action's defaults fill the rest.</summary>
    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The job's environment: GITHUB_WORKSPACE, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY and the rest.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public async Task<CompositeRun> RunAsync(string runnerTemp, TimeSpan timeout)
    {
        var inputs = ActionMetadata.InputDefaults(actionFile).ToDictionary(StringComparer.Ordinal);
        foreach (var (name, value) in Inputs)
        {
            inputs[name] = value;
        }

        var steps = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var log = new System.Text.StringBuilder();
        var runs = (YamlMappingNode)action.Children[new YamlScalarNode("runs")];
        var index = 0;
        foreach (var step in ((YamlSequenceNode)runs.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
        {
            index++;
            if (Scalar(step, "uses") is { } uses)
            {
                skipped.Add(uses);
                continue;
            }

            Assert.Equal("bash", Scalar(step, "shell"));
            var id = Scalar(step, "id") ?? $"step{index}";
            var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal)
            {
                ["GITHUB_ACTION_PATH"] = Path.GetDirectoryName(Path.GetFullPath(actionFile))!,
                ["GITHUB_OUTPUT"] = Path.Combine(runnerTemp, $"output-{id}"),
                ["RUNNER_TEMP"] = runnerTemp,
            };
            File.WriteAllText(environment["GITHUB_OUTPUT"], "");
            if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
            {
                foreach (var (key, value) in ((YamlMappingNode)env).Children)
                {
                    environment[((YamlScalarNode)key).Value!] = Evaluate(((YamlScalarNode)value).Value ?? "", inputs, runnerTemp, steps);
                }
            }

            var script = Path.Combine(runnerTemp, $"step-{id}.sh");
            File.WriteAllText(script, Evaluate(Scalar(step, "run")!, inputs, runnerTemp, steps));
            var result = await ToolProcess.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], timeout, environment, Environment["GITHUB_WORKSPACE"]);
            log.Append($"--- step {id}\n{result.Output}{result.Error}");
            steps[id] = ReadOutputs(environment["GITHUB_OUTPUT"]);
            if (result.ExitCode != 0)
            {
                return new CompositeRun(result.ExitCode, log.ToString(), new Dictionary<string, string>(), skipped, steps.Keys.ToList());
            }
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (YamlMappingNode)action.Children[new YamlScalarNode("outputs")])
        {
            outputs[((YamlScalarNode)key).Value!] = Evaluate(Scalar((YamlMappingNode)value, "value")!, inputs, runnerTemp, steps);
        }

        return new CompositeRun(0, log.ToString(), outputs, skipped, steps.Keys.ToList());
    }

    /// <summary>A GITHUB_OUTPUT file: <c>name=value</c> lines and <c>name&lt;&lt;DELIMITER</c> blocks.</summary>
    private static Dictionary<string, string> ReadOutputs(string file)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllText(file).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("<<", StringComparison.Ordinal);
            var equals = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (marker > 0 && (equals < 0 || marker < equals))
            {
                var end = Array.IndexOf(lines, lines[i][(marker + 2)..], i + 1);
                Assert.True(end > i, $"{file}: the block {lines[i]} is not closed");
                outputs[lines[i][..marker]] = string.Join("\n", lines[(i + 1)..end]);
                i = end;
            }
            else if (equals > 0)
            {
                outputs[lines[i][..equals]] = lines[i][(equals + 1)..];
            }
        }

        return outputs;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static string Evaluate(
        string text, IReadOnlyDictionary<string, string> inputs, string runnerTemp, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> steps) =>
        Expression().Replace(text, match =>
        {
            var parts = match.Groups[1].Value.Split('.');
            return parts switch
            {
                ["inputs", var name] when inputs.TryGetValue(name, out var value) => value,
                ["runner", "temp"] => runnerTemp,
                ["steps", var id, "outputs", var name] => steps.TryGetValue(id, out var outputs) && outputs.TryGetValue(name, out var value) ? value : "",
                _ => throw new InvalidOperationException($"the expression {match.Value} is not one this runner evaluates"),
            };
        });

    [GeneratedRegex(@"\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Expression();
}
