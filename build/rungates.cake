// RunGates steps for any Cake script: `#load "rungates.cake"`, then call a RunGatesTool from your tasks.
//
// Every method runs the `rungates` command line, the same engine `dotnet build` (RunGates.MSBuild) and the GitHub
// Action use, and decides nothing itself: the exit code and the messages are the CLI's. A non-zero exit fails the
// Cake run with the CLI's last stderr line as the error (for a verdict below --fail-on:
// "rungates: NAME: verdict incomplete (IN-PROGRESS) is below --fail-on partial") and the CLI's exit code.
// Plain Cake.Common aliases only, so it needs no addin.

/// <summary>The rungates command line, run from a Cake script.</summary>
public sealed class RunGatesTool
{
    private readonly ICakeContext _context;
    private readonly FilePath _program;
    private readonly string[] _leadingArguments;

    /// <param name="program">What to start: <c>dotnet</c>, or a <c>rungates</c> executable.</param>
    /// <param name="leadingArguments">Arguments before the command, e.g. the path of rungates.dll.</param>
    public RunGatesTool(ICakeContext context, FilePath program, params string[] leadingArguments)
    {
        _context = context;
        _program = program;
        _leadingArguments = leadingArguments;
    }

    /// <summary>A built or published rungates.dll, run with <c>dotnet</c>.</summary>
    public static RunGatesTool FromAssembly(ICakeContext context, FilePath assembly) =>
        new RunGatesTool(context, "dotnet", context.MakeAbsolute(assembly).FullPath);

    /// <summary>rungates installed as a local tool (<c>dotnet tool install rungates</c> into .config/dotnet-tools.json).</summary>
    public static RunGatesTool FromLocalTool(ICakeContext context) =>
        new RunGatesTool(context, "dotnet", "tool", "run", "rungates", "--");

    /// <summary>The folder relative paths are resolved in; default: Cake's working directory (the script's folder).</summary>
    public DirectoryPath WorkingDirectory { get; set; }

    /// <summary><c>rungates run --preflight-only</c>: the runbook's pre-flight checks, no bundle.</summary>
    public void Preflight(FilePath spec, string failOn = "partial") =>
        Invoke("run", "--spec", Full(spec), "--preflight-only", "--fail-on", failOn);

    /// <summary><c>rungates run</c>: pre-flight, steps, gates, ledger, verdict, committed bundle, promotion packet.</summary>
    public void Run(FilePath spec, string failOn = "partial", DirectoryPath bundles = null, DirectoryPath evidence = null)
    {
        var arguments = new List<string> { "run", "--spec", Full(spec), "--fail-on", failOn };
        if (bundles != null)
        {
            arguments.AddRange(new[] { "--bundles", Full(bundles) });
        }

        if (evidence != null)
        {
            arguments.AddRange(new[] { "--evidence", Full(evidence) });
        }

        Invoke(arguments.ToArray());
    }

    /// <summary><c>rungates ledger write</c>: a SHA256SUMS in GNU format over <paramref name="root"/>.</summary>
    public void WriteLedger(DirectoryPath root, FilePath ledger, IEnumerable<string> include = null, IEnumerable<string> exclude = null)
    {
        var arguments = new List<string> { "ledger", "write", "--root", Full(root), "-o", Full(ledger) };
        foreach (var glob in include ?? Enumerable.Empty<string>())
        {
            arguments.AddRange(new[] { "--include", glob });
        }

        foreach (var glob in exclude ?? Enumerable.Empty<string>())
        {
            arguments.AddRange(new[] { "--exclude", glob });
        }

        Invoke(arguments.ToArray());
    }

    /// <summary><c>rungates ledger verify</c>: every entry of <paramref name="ledger"/> against its folder (or <paramref name="root"/>).</summary>
    public void VerifyLedger(FilePath ledger, DirectoryPath root = null)
    {
        var arguments = new List<string> { "ledger", "verify", Full(ledger) };
        if (root != null)
        {
            arguments.AddRange(new[] { "--root", Full(root) });
        }

        Invoke(arguments.ToArray());
    }

    /// <summary><c>rungates promote</c>: validates the bundle (default LATEST) and refuses an unpromotable run.</summary>
    public void Promote(FilePath spec, string bundle = null, FilePath packetCopy = null, bool requirePromotable = true)
    {
        var arguments = new List<string> { "promote", "--spec", Full(spec) };
        if (bundle != null)
        {
            arguments.AddRange(new[] { "--bundle", bundle });
        }

        if (requirePromotable)
        {
            arguments.Add("--require-promotable");
        }

        if (packetCopy != null)
        {
            arguments.AddRange(new[] { "--out", Full(packetCopy) });
        }

        Invoke(arguments.ToArray());
    }

    private DirectoryPath BaseDirectory => WorkingDirectory ?? _context.Environment.WorkingDirectory;

    private string Full(FilePath path) => path.MakeAbsolute(BaseDirectory).FullPath;

    private string Full(DirectoryPath path) => path.MakeAbsolute(BaseDirectory).FullPath;

    private void Invoke(params string[] arguments)
    {
        var builder = new ProcessArgumentBuilder();
        foreach (var argument in _leadingArguments.Concat(arguments))
        {
            builder.AppendQuoted(argument);
        }

        // stdout (the report) goes straight to the console; stderr (progress and errors) is echoed as it comes and its
        // last line kept, because that line says why the command failed.
        string lastError = null;
        var settings = new ProcessSettings
        {
            Arguments = builder,
            WorkingDirectory = BaseDirectory,
            RedirectStandardError = true,
            RedirectedStandardErrorHandler = line =>
            {
                if (line != null)
                {
                    Console.Error.WriteLine(line);
                    if (line.Trim().Length > 0)
                    {
                        lastError = line.Trim();
                    }
                }

                return line;
            },
        };
        _context.Information("rungates {0}", string.Join(" ", arguments));
        var exitCode = _context.StartProcess(_program, settings);
        if (exitCode != 0)
        {
            throw new CakeException(exitCode, lastError ?? $"rungates {arguments[0]} exited with {exitCode}");
        }
    }
}
