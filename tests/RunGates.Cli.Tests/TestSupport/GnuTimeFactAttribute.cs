namespace RunGates.Cli.Tests.TestSupport;

/// <summary>
/// A fact that reads a process's peak RSS through GNU time (<c>/usr/bin/time -f %M</c>), the one portable way to get
/// the high-water mark of a child that has exited. Where GNU time is not installed the test is skipped with a message
/// saying so (Debian: <c>apt-get install time</c>); where it is, any failure fails the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GnuTimeFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/time";

    public GnuTimeFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"GNU time is not installed ({Path}); this test reads peak RSS with it. Install it (Debian: apt-get install time) to run it.";
        }
    }
}
