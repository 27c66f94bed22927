namespace RunGates.Cli;

/// <summary>The process exit codes, documented in README.</summary>
public static class ExitCodes
{
    /// <summary>The verdict meets <c>--fail-on</c>, or the command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The verdict is below <c>--fail-on</c>, or a run is not promotable under <c>--require-promotable</c>.</summary>
    public const int VerdictBelowThreshold = 1;

    /// <summary>Bad usage, a rungates.yml that does not load, or a file that could not be read or written.</summary>
    public const int UsageError = 2;

    /// <summary>A bundle or ledger failed integrity checks.</summary>
    public const int IntegrityError = 3;

    /// <summary><c>github</c>: the report could not be posted (GitHub kept failing, or refused a request).</summary>
    public const int GitHubError = 4;

    /// <summary>A defect in RunGates: an exception it has no diagnostic for (<c>EX_SOFTWARE</c> of sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>Cancelled by SIGINT (128 + 2, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Cancelled by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
