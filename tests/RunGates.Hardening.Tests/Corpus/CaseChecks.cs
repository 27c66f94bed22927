using System.Text.Json;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>The further checks cases share: about bundles, check outcomes and processes, never about message texts.</summary>
internal static class CaseChecks
{
    /// <summary>The run ended by committing its bundle: the hostile input was a finding, not the end of the run.</summary>
    public static CaseCheck Committed() => new("the run committed its bundle (artifact_index.json written)", run =>
        run.Written("artifact_index.json").Any() ? null : "no artifact_index.json was written");

    /// <summary>No bundle became committed (a cancelled run must leave its bundle in progress).</summary>
    public static CaseCheck NotCommitted() => new("no bundle was committed", run =>
        run.Written("artifact_index.json").FirstOrDefault() is { } index ? $"{index} was written" : null);

    /// <summary>The run's results.json gives check <paramref name="id"/> one of <paramref name="outcomes"/>, with an RG code when it did not pass.</summary>
    public static CaseCheck Outcome(string id, params string[] outcomes) => new($"check '{id}' is {string.Join(" or ", outcomes)} in results.json", run =>
    {
        var results = run.Written("results.json").FirstOrDefault();
        if (results is null)
        {
            return "no results.json was written";
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Folder, results)));
        foreach (var check in document.RootElement.GetProperty("checks").EnumerateArray())
        {
            if (check.GetProperty("id").GetString() != id)
            {
                continue;
            }

            var outcome = check.GetProperty("outcome").GetString();
            if (!outcomes.Contains(outcome))
            {
                return $"its outcome is {outcome}";
            }

            var code = check.TryGetProperty("code", out var c) ? c.GetString() : null;
            return outcome == "passed" || code is { Length: 6 } && code.StartsWith("RG", StringComparison.Ordinal) ? null : $"it has no RG code (code: {code ?? "none"})";
        }

        return $"results.json has no check '{id}'";
    });

    /// <summary>The output names this file (or other token), so a user knows which input was at fault.</summary>
    public static CaseCheck Names(string token) => new($"the output names '{token}'", run =>
        run.Printed.Contains(token, StringComparison.Ordinal) ? null : $"'{token}' appears nowhere in the output");

    /// <summary>Whatever the CLI wrote lies under <paramref name="folder"/> (a run id never lands a bundle outside the bundles folder).</summary>
    public static CaseCheck WroteOnlyUnder(string folder) => new($"everything written lies under {folder}", run =>
        run.Written(null).FirstOrDefault(p => !p.StartsWith(folder, StringComparison.Ordinal)) is { } outside ? $"{outside} was written" : null);

    public static CaseCheck Absent(string relative) => new($"{relative} was not written", run =>
        File.Exists(Path.Combine(run.Folder, relative)) || Directory.Exists(Path.Combine(run.Folder, relative)) ? $"{relative} exists" : null);

    /// <summary>The process whose id a step wrote to <paramref name="pidFile"/> has ended (the step's tree was killed).</summary>
    public static CaseCheck ProcessEnded(string pidFile) => new($"the process in {pidFile} was ended", run =>
    {
        var path = Path.Combine(run.Folder, pidFile);
        if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path).Trim(), out var pid))
        {
            return $"{pidFile} holds no process id (the step never started?)";
        }

        // A hang guard, not a timing assertion: the kernel may take a moment to reap a killed process.
        for (var i = 0; i < 50 && CaseRunner.IsAlive(pid) && !IsZombie(pid); i++)
        {
            Thread.Sleep(100);
        }

        if (CaseRunner.IsAlive(pid) && !IsZombie(pid))
        {
            CaseRunner.Terminate(pid);
            return $"process {pid} was still running after the CLI exited (killed now)";
        }

        return null;
    });

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
