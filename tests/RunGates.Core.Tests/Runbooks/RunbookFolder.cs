using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>A temporary folder holding one rungates.yml, and the loader's answer for it.</summary>
internal sealed class RunbookFolder : IDisposable
{
    public RunbookFolder(string yaml)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rungates-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
        File = System.IO.Path.Combine(Path, "rungates.yml");
        System.IO.File.WriteAllText(File, yaml.ReplaceLineEndings("\n"));
    }

    public string Path { get; }

    public string File { get; }

    public Runbook Load(IReadOnlyDictionary<string, string>? environment = null) =>
        new RunbookLoader(environment ?? new Dictionary<string, string>()).Load(File);

    /// <summary>The errors a load throws; fails the test when it loads.</summary>
    public IReadOnlyList<RunbookError> Errors(IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<RunbookException>(() => Load(environment)).Errors;

    public static IReadOnlyList<RunbookError> ErrorsOf(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var folder = new RunbookFolder(yaml);
        return folder.Errors(environment);
    }

    public static Runbook LoadOf(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var folder = new RunbookFolder(yaml);
        return folder.Load(environment);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder eventually.
        }
    }
}
