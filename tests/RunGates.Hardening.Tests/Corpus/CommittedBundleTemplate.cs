namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// One real committed bundle (runbook, evidence, <c>out/r1/</c>, <c>out/LATEST</c>), made once by the real CLI and
/// copied into each case that attacks a committed bundle, so those cases do not each pay for a run.
/// </summary>
internal static class CommittedBundleTemplate
{
    public const string RunId = "r1";
    public const string Bundle = "out/" + RunId;

    public const string Runbook = """
        version: 1
        name: template
        run:
          bundles: out
          id: r1
          evidence: ev
        gates:
          - id: answer
            file: answer.json
            expect: { value: 42 }
        promote:
          requires: pass
          packet: promotion_packet.json
        """;

    private static readonly Lazy<string> Source = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void CopyTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Source.Value, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Source.Value, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string Make()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rungates-tests", "hardening-template-" + Guid.NewGuid().ToString("N")[..8]);
        var layout = new CaseFolder(folder);
        layout.Write("rungates.yml", Runbook);
        layout.Write("ev/answer.json", """{ "value": 42 }""");
        var run = CaseRunner.Start(folder, ["run", "-q"], stdoutToDevFull: false, signal: null);
        if (run.ExitCode != 0 || !File.Exists(Path.Combine(folder, Bundle, "artifact_index.json")))
        {
            throw new InvalidOperationException("The committed bundle every integrity case starts from could not be made:\n" + run);
        }

        return folder;
    }
}
