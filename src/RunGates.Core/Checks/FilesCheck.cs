using System.Globalization;

namespace RunGates.Core.Checks;

/// <summary><c>files:</c> every listed path exists; a glob must match at least one file.</summary>
public sealed record FilesCheck : Check
{
    public required IReadOnlyList<string> Paths { get; init; }

    public override string Kind => "files";

    public override string Describe() => $"Checks that {string.Join(", ", Paths)} exist.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var baseDirectory = context.EvidenceBase(Phase);
        var findings = new List<CheckFinding>();
        var found = 0;
        foreach (var path in Paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (EvidenceGlob.IsGlob(path))
            {
                var matches = EvidenceGlob.Match(baseDirectory, path).Count;
                found += matches;
                if (matches == 0)
                {
                    findings.Add(new CheckFinding($"no file matches {path}", Position, "at least one file", "none"));
                }
            }
            else if (File.Exists(context.ResolveEvidencePath(Phase, path)) || Directory.Exists(context.ResolveEvidencePath(Phase, path)))
            {
                found++;
            }
            else
            {
                findings.Add(new CheckFinding($"{path} does not exist", Position, "exists", "absent"));
            }
        }

        if (findings.Count == 0)
        {
            return ValueTask.FromResult(CheckEvaluation.Passed(string.Create(CultureInfo.InvariantCulture, $"{found} file(s) present for {Paths.Count} path(s)")));
        }

        var summary = findings.Count == 1 ? findings[0].Message : $"{findings.Count} of {Paths.Count} paths are missing: {string.Join("; ", findings.Select(f => f.Message))}";
        return ValueTask.FromResult(CheckEvaluation.Failed(summary, findings));
    }
}
