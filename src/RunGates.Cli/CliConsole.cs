using System.Collections;
using System.Text;

namespace RunGates.Cli;

/// <summary>The streams, environment and folder a command sees; tests hand in their own.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>Whether stdout is a terminal, which turns on colour unless <c>NO_COLOR</c> is set.</summary>
    public bool OutIsTerminal { get; init; }

    public bool ErrorIsTerminal { get; init; }

    /// <summary>The loaded runbook's masker, for errors printed outside a report.</summary>
    public CliMasking Masking { get; init; } = new();

    public bool UseColor => OutIsTerminal && !Environment.ContainsKey("NO_COLOR");

    public static CliConsole FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        // Console.Out hands the kernel 256 bytes per write call; a 20,000-line ledger on stdout took 6,000 calls.
        // Same encoding (without a BOM), same flush after every Write, larger chunks. UTF-8 that prints a file name
        // which is not UTF-8 with its own bytes (its surrogate escapes, see Core's FileNameEncoding), as coreutils does.
        var encoding = Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage ? (Encoding)Core.Ledgers.EscapedUtf8Encoding.Instance : Console.OutputEncoding;
        var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16) { AutoFlush = true });
        return new CliConsole(stdout, Console.Error, environment, Directory.GetCurrentDirectory())
        {
            OutIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
    }

    /// <summary>A path the user typed, made absolute against the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
