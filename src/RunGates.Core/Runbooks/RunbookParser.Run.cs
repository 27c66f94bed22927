using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Runs;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>run:</c> section: bundles, id, seed, evidence, record and steps.</summary>
internal sealed partial class RunbookParser
{
    private RunSettings? DefaultRun(string directory, string? name) =>
        name is null ? null : new RunSettings { Bundles = Path.GetFullPath(Path.Combine(directory, "out", name)) };

    private RunSettings? ParseRun(YamlNode node, string directory, string? name)
    {
        var map = Map(node, "run", RunbookKeys.Run);
        if (map is null)
        {
            return DefaultRun(directory, name);
        }

        string? bundles = null;
        if (map.TryGet("bundles", out var bundlesNode) && Text(bundlesNode, "run.bundles") is { } bundlesText)
        {
            bundles = NonEmpty(bundlesNode, bundlesText, "run.bundles", "a folder") ? Path.GetFullPath(bundlesText, directory) : null;
        }

        var settings = new RunSettings { Bundles = bundles ?? (name is null ? directory : Path.GetFullPath(Path.Combine(directory, "out", name))) };
        if (map.TryGet("seed", out var seedNode))
        {
            settings = settings with { Seed = Text(seedNode, "run.seed", allowNumber: true) };
        }

        // After the seed: {seed} takes part in the trial expansion that refuses an id RunGates could not open.
        if (map.TryGet("id", out var idNode) && Text(idNode, "run.id") is { } id && NonEmpty(idNode, id, "run.id", "a run id template"))
        {
            if (RunIdTemplate.Problem(id, settings.Seed, name ?? "run") is { } problem)
            {
                Error(DiagnosticCatalog.InvalidRunId, idNode, $"expected a run id template naming one folder with placeholders {{{string.Join("}, {", RunIdTemplate.Placeholders)}}}; {problem}", "Use a template such as {utc:yyyyMMdd'T'HHmmss}-{git.short}.");
            }
            else
            {
                settings = settings with { IdTemplate = id };
            }
        }

        if (map.TryGet("evidence", out var evidenceNode) && Text(evidenceNode, "run.evidence") is { } evidence && NonEmpty(evidenceNode, evidence, "run.evidence", "a folder"))
        {
            settings = settings with { Evidence = evidence };
        }

        if (map.TryGet("record", out var recordNode) && Map(recordNode, "run.record", RunbookKeys.Record) is { } record)
        {
            var env = record.TryGet("env", out var envNode) ? TextList(envNode, "run.record.env", "an environment variable name") : null;
            var tools = record.TryGet("tools", out var toolsNode) ? TextList(toolsNode, "run.record.tools", "a tool name") : null;
            settings = settings with { Record = new RecordSettings(env ?? [], tools ?? []) };
        }

        if (map.TryGet("steps", out var stepsNode))
        {
            settings = settings with { Steps = ParseSteps(stepsNode) };
        }

        return settings;
    }

    private List<RunStep> ParseSteps(YamlNode node)
    {
        var steps = new List<RunStep>();
        if (Sequence(node, "run.steps", "a list of steps") is not { } sequence)
        {
            return steps;
        }

        var ids = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var item in sequence)
        {
            var map = Map(item, "a step", RunbookKeys.Step);
            if (map is null)
            {
                continue;
            }

            var id = RequiredText(map, item, "id", "a step", "Give the step an id; its log is logs/<id>.log.");
            if (id is not null && map.TryGet("id", out var idNode))
            {
                if (!FileNameId(idNode, id, "step"))
                {
                    id = null;
                }
                else if (ids.TryGetValue(id, out var first))
                {
                    Error(DiagnosticCatalog.DuplicateCheckId, idNode, $"expected step ids to be unique, found '{id}' again (first at line {first.Start.Line}, column {first.Start.Column})", "Rename one of the steps.");
                }
                else
                {
                    ids[id] = idNode;
                }
            }

            CommandSpec? command = null;
            if (map.TryGet("run", out var runNode))
            {
                command = Command(runNode, "run");
            }
            else
            {
                Error(DiagnosticCatalog.MissingKey, item, $"expected a 'run' key in step '{id ?? "?"}', found none", "Add run: \"<command>\" (a string runs through the shell, a list without one).");
            }

            var timeout = map.TryGet("timeout", out var timeoutNode) ? Duration(timeoutNode, "timeout") : null;
            var cwd = map.TryGet("cwd", out var cwdNode) ? Text(cwdNode, "cwd") : null;
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            if (map.TryGet("env", out var envNode))
            {
                if (envNode is YamlMappingNode envMap)
                {
                    foreach (var (key, value) in envMap.Children)
                    {
                        var variable = KeyText(key);
                        if (Text(value, $"env.{variable}", allowNumber: true, allowBoolean: true) is { } text)
                        {
                            env[variable] = text;
                        }
                    }
                }
                else
                {
                    WrongType(envNode, "env", "a mapping of variable names to values");
                }
            }

            if (id is not null && command is not null)
            {
                steps.Add(new RunStep(id, command, timeout, At(map.TryGet("id", out var at) ? at : item)) { WorkingDirectory = cwd, Environment = env });
            }
        }

        return steps;
    }
}
