using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>
/// Every example runbook cut short at every 7th byte (a prime, so cuts fall inside keys, quotes, brackets and
/// multi-byte characters alike): each prefix either loads or is refused with <see cref="RunbookException"/>, whose
/// every error has a code and a position. Any other exception escaping the loader fails the test.
/// </summary>
public sealed class RunbookLoaderFuzzTests
{
    private const int Step = 7;

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples"), "rungates.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_truncation_of_an_example_loads_or_is_a_RunbookException(string example)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, example));
        using var folder = new TempFolder();
        var path = folder["rungates.yml"];
        var loader = new RunbookLoader(new Dictionary<string, string>());
        var refused = 0;
        for (var length = 0; length <= bytes.Length; length += Step)
        {
            File.WriteAllBytes(path, bytes.AsSpan(0, length).ToArray());
            // Each load is bounded on its own: the guard is for a hang, and a loop of hundreds of loads on a loaded
            // two-core machine can take longer than the bound without any one of them hanging.
            var escaped = HangGuard.Run<Exception?>(() =>
            {
                try
                {
                    loader.Load(path);
                    return null;
                }
                catch (Exception e)
                {
                    return e;
                }
            });
            if (escaped is null)
            {
                continue;
            }

            if (escaped is not RunbookException refusal)
            {
                Assert.Fail($"{example} cut at byte {length} escaped the loader as {escaped.GetType().Name}: {escaped.Message}");
                return;
            }

            refused++;
            Assert.All(refusal.Errors, error =>
            {
                Assert.StartsWith("RG1", error.Diagnostic.Code, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(error.Message), $"cut at {length}");
                if (error.Diagnostic.Code == "RG1001")
                {
                    // A YAML error always says where: the line and column to fix.
                    Assert.True(error.Position.Line >= 1 && error.Position.Column >= 1, $"cut at {length}: {error.Message} at {error.Position}");
                }
            });
        }

        // The cuts are not all harmless: most prefixes lack keys a runbook needs, or end inside a token.
        Assert.True(refused > bytes.Length / Step / 2, $"only {refused} of {bytes.Length / Step} truncations were refused");
    }
}
