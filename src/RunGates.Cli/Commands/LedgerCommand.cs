using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Text;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary>
/// <c>rungates ledger</c>: write, verify and merge SHA256SUMS files in GNU <c>sha256sum</c> format. Exit codes follow
/// <c>sha256sum</c> (0 good, 1 any integrity failure) rather than <c>bundle validate</c>'s 3, so scripts that ran
/// <c>sha256sum -c</c> can switch without change; usage errors exit 2.
/// </summary>
internal static class LedgerCommand
{
    private const int Failed = 1;

    public static Command Create(CliConsole console)
    {
        var command = new Command("ledger", "Write, verify and merge SHA256SUMS ledgers, byte-compatible with GNU sha256sum.");
        command.Subcommands.Add(Write(console));
        command.Subcommands.Add(Verify(console));
        command.Subcommands.Add(Merge(console));
        return command;
    }

    private static Command Write(CliConsole console)
    {
        var root = new Option<string>("--root") { Description = "The folder to hash; paths in the ledger are relative to it.", HelpName = "DIR", Required = true };
        var include = new Option<string[]>("--include") { Description = "Glob of files to list (repeatable). Default: every file.", HelpName = "GLOB" };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob of files to leave out (repeatable).", HelpName = "GLOB" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the ledger to FILE (replaced atomically) instead of stdout; inside the root, FILE itself is not listed.", HelpName = "FILE" };
        var command = new Command("write", "Hash every selected file under --root into a SHA256SUMS, sorted by UTF-8 bytes.") { root, include, exclude, output };
        command.SetAction((parse, cancellationToken) => Guard(console, () =>
        {
            var fullRoot = ExistingFolder(console, parse.GetValue(root)!, "--root");
            RefuseBadGlobs(parse.GetValue(include), "--include");
            RefuseBadGlobs(parse.GetValue(exclude), "--exclude");
            var excludes = parse.GetValue(exclude) ?? [];
            var target = parse.GetValue(output) is { } o ? CliPaths.OutputFile(console, o, "--output", "the file to write the ledger to; nothing was written") : null;
            // A ledger cannot list its own digest: it would change by being written. Left out by its exact path, not as
            // a glob (a ledger named 'sums*' would leave out sums-old too), so the walk stays the plain, fastest one.
            var itself = target is null ? null : RelativePath.Below(fullRoot, target);

            IReadOnlyList<LedgerEntry> entries;
            try
            {
                entries = WithProgress(console, progress => LedgerWriter.BuildCompact(fullRoot, parse.GetValue(include) ?? [], excludes, progress, itself, cancellationToken));
            }
            catch (LedgerBuildException e)
            {
                foreach (var problem in e.Problems)
                {
                    console.Error.WriteLine(problem.ToString());
                }

                console.Error.WriteLine($"rungates: ledger not written: {DiagnosticText.Count(e.Problems.Count, "file")} refused under {fullRoot}.");
                return Failed;
            }

            if (target is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LedgerWriter.Write(console.Out, entries);
            }
            else
            {
                WriteAtomically(target, writer => LedgerWriter.Write(writer, entries), cancellationToken);
                console.Error.WriteLine($"rungates: wrote {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")} to {Path.GetRelativePath(console.WorkingDirectory, target)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The SHA256SUMS to verify (sha256sum text, binary, BSD or --tag lines)." };
        var root = new Option<string?>("--root") { Description = "The folder the listed paths are relative to. Default: the ledger's folder.", HelpName = "DIR" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on any improperly formatted line, as sha256sum --strict does." };
        var ignoreMissing = new Option<bool>("--ignore-missing") { Description = "Do not fail or report for listed files that do not exist." };
        var unlisted = new Option<bool>("--unlisted") { Description = "Also fail on every file under the root that the ledger does not list." };
        var quiet = new Option<bool>("--quiet") { Description = "Do not print OK for each verified file." };
        var status = new Option<bool>("--status") { Description = "Print nothing but why a file could not be read; the exit code tells the outcome." };
        var warn = new Option<bool>("--warn", "-w") { Description = "Warn about improperly formatted lines (they are always named; this undoes --status and --quiet)." };
        var command = new Command("verify", "Recompute every listed digest; print OK/FAILED per line like sha256sum -c, then every problem.")
        {
            file, root, strict, ignoreMissing, unlisted, quiet, status, warn,
        };
        command.SetAction((parse, cancellationToken) => Guard(console, () =>
        {
            var ledger = console.FullPath(parse.GetValue(file)!);
            if (!File.Exists(ledger))
            {
                throw new CliUsageException($"the ledger {parse.GetValue(file)} does not exist; expected a SHA256SUMS file.");
            }

            var fullRoot = parse.GetValue(root) is { } r ? ExistingFolder(console, r, "--root") : Path.GetDirectoryName(ledger)!;
            LedgerLineStream read;
            try
            {
                read = LedgerLineStream.Open(ledger, ledger);
            }
            catch (IOException e)
            {
                throw new CliUsageException(e.Message);
            }

            using var opened = read;
            var source = Path.GetFileName(ledger);
            // The ledger never lists itself; outside the root it cannot be met as an unlisted file anyway.
            string[] self = RelativePath.Below(fullRoot, ledger) is { } own ? [own] : [];
            // Streamed: each line's status is printed as soon as it and every line before it are settled.
            var report = new VerifyReport(console, fullRoot, new VerifyOptions(
                parse.GetValue(strict), parse.GetValue(ignoreMissing), OutputMode(parse, quiet, status, warn)));
            var verification = WithProgress(console, progress => LedgerVerifier.Verify(fullRoot, read, source, parse.GetValue(unlisted), self, progress, report.Line, cancellationToken));
            // A verify cut short judged only some lines: never a summary that could read as a pass.
            cancellationToken.ThrowIfCancellationRequested();
            return report.Finish(verification, source);
        }));
        return command;
    }

    private enum VerifyOutput
    {
        Normal,
        Quiet,
        Status,
    }

    private sealed record VerifyOptions(bool Strict, bool IgnoreMissing, VerifyOutput Output);

    /// <summary>
    /// sha256sum lets the last of --status, --warn and --quiet decide (each resets the other two), so
    /// <c>--status --warn</c> prints OK lines again; the tokens' order is that of the command line.
    /// </summary>
    private static VerifyOutput OutputMode(ParseResult parse, Option<bool> quiet, Option<bool> status, Option<bool> warn)
    {
        var last = VerifyOutput.Normal;
        foreach (var token in parse.Tokens)
        {
            if (token.Type != TokenType.Option)
            {
                continue;
            }

            if (quiet.Name == token.Value || quiet.Aliases.Contains(token.Value))
            {
                last = VerifyOutput.Quiet;
            }
            else if (status.Name == token.Value || status.Aliases.Contains(token.Value))
            {
                last = VerifyOutput.Status;
            }
            else if (warn.Name == token.Value || warn.Aliases.Contains(token.Value))
            {
                last = VerifyOutput.Normal;
            }
        }

        return last;
    }

    /// <summary>
    /// What <c>sha256sum -c</c> prints for the same ledger: one status per line in ledger order (the name as listed),
    /// printed as each line is settled, then RunGates' own diagnostics, then the WARNING summary; and its exit code.
    /// Only failed lines are remembered, so a ledger that verifies costs no memory here.
    /// </summary>
    private sealed class VerifyReport(CliConsole console, string fullRoot, VerifyOptions options)
    {
        private readonly Dictionary<int, string> _status = [];
        private readonly HashSet<int> _ignored = [];

        private bool Silent => options.Output == VerifyOutput.Status;

        public void Line(VerifiedRecord verified)
        {
            var (record, problem) = verified;
            // --ignore-missing skips only what does not exist at all, as sha256sum skips only ENOENT.
            if (options.IgnoreMissing && problem is { Diagnostic: var missing, Line: > 0 } && missing == DiagnosticCatalog.FileMissing && ListedNameAbsence.IsAbsent(fullRoot, problem.Path))
            {
                _ignored.Add(problem.Line);
                return;
            }

            string? failed = null;
            if (problem is { Line: > 0 })
            {
                if (problem.Diagnostic == DiagnosticCatalog.DigestMismatch)
                {
                    failed = "FAILED";
                }
                else if (problem.Diagnostic == DiagnosticCatalog.FileMissing || problem.Diagnostic == DiagnosticCatalog.PathEscapesRoot
                    || problem.Diagnostic == DiagnosticCatalog.NotARegularFile || problem.Diagnostic == DiagnosticCatalog.PseudoFileSystemRoot)
                {
                    failed = "FAILED open or read";
                }

                if (failed is not null)
                {
                    _status.TryAdd(problem.Line, failed);
                }
            }

            if (Silent || _ignored.Contains(record.Line))
            {
                return;
            }

            if (_status.TryGetValue(record.Line, out var shown))
            {
                console.Out.WriteLine($"{Shown(record.Listed)}: {shown}");
            }
            else if (options.Output != VerifyOutput.Quiet)
            {
                console.Out.WriteLine($"{Shown(record.Listed)}: OK");
            }
        }

        public int Finish(LedgerVerification verification, string source)
        {
            var problems = verification.Problems.Where(p => !(p.Diagnostic == DiagnosticCatalog.FileMissing && _ignored.Contains(p.Line))).ToList();
            var silent = Silent;
            // Under --status sha256sum still says why a file could not be opened; so does RunGates, and nothing else.
            foreach (var problem in problems.Where(p => !silent || (p.Line > 0 && _status.TryGetValue(p.Line, out var s) && s != "FAILED")))
            {
                console.Error.WriteLine(problem.ToString());
            }

            var malformed = verification.Malformed;
            var mismatched = problems.Count(p => p.Diagnostic == DiagnosticCatalog.DigestMismatch);
            var unreadable = _status.Values.Count(v => v != "FAILED");
            var others = problems.Count(p => p.Diagnostic != DiagnosticCatalog.DigestMismatch && p.Diagnostic != DiagnosticCatalog.MalformedLedgerLine && !(p.Line > 0 && _status.ContainsKey(p.Line)));
            if (verification.Records == 0)
            {
                console.Error.WriteLine($"rungates: {source}: no properly formatted checksum lines found");
                return Failed;
            }

            if (!silent)
            {
                if (malformed > 0)
                {
                    console.Error.WriteLine($"rungates: WARNING: {malformed} line{(malformed == 1 ? " is" : "s are")} improperly formatted");
                }

                if (unreadable > 0)
                {
                    console.Error.WriteLine($"rungates: WARNING: {unreadable} listed file{(unreadable == 1 ? "" : "s")} could not be read");
                }

                if (mismatched > 0)
                {
                    console.Error.WriteLine($"rungates: WARNING: {mismatched} computed checksum{(mismatched == 1 ? "" : "s")} did NOT match");
                }
            }

            // sha256sum counts a file as verified only when its digest matched.
            var noneVerified = options.IgnoreMissing && verification.Verified == 0;
            if (noneVerified && !silent)
            {
                console.Error.WriteLine($"rungates: {source}: no file was verified");
            }

            var failedAny = noneVerified || mismatched > 0 || unreadable > 0 || others > 0 || (options.Strict && malformed > 0);
            return failedAny ? Failed : ExitCodes.Success;
        }
    }

    private static Command Merge(CliConsole console)
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard ledgers to union (all relative to the same root).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The merged SHA256SUMS to write (replaced atomically).", HelpName = "FILE", Required = true };
        var command = new Command("merge", "Union shard ledgers from parallel CI jobs; the same path with two digests fails naming both shards.") { shards, output };
        command.SetAction((parse, cancellationToken) => Guard(console, () =>
        {
            var files = parse.GetValue(shards)!;
            var target = CliPaths.OutputFile(console, parse.GetValue(output)!, "--output", "the file to write the merged ledger to; nothing was written");
            foreach (var missing in files.Where(f => !File.Exists(console.FullPath(f))))
            {
                throw new CliUsageException($"the shard {missing} does not exist; expected a SHA256SUMS file.");
            }

            // Messages name each shard as the user typed it.
            var result = LedgerMerger.Merge(files.Select(f => (console.FullPath(f), f)));
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems)
                {
                    console.Error.WriteLine(problem.ToString());
                }

                console.Error.WriteLine($"rungates: ledgers not merged: {DiagnosticText.Count(result.Problems.Count, "problem")}; {parse.GetValue(output)} was not written.");
                return Failed;
            }

            WriteAtomically(target, result.WriteTo, cancellationToken);
            console.Error.WriteLine($"rungates: merged {DiagnosticText.Count(files.Length, "ledger")} into {result.Count} entr{(result.Count == 1 ? "y" : "ies")} in {parse.GetValue(output)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ExistingFolder(CliConsole console, string path, string option)
    {
        var full = console.FullPath(path);
        return Directory.Exists(full) ? full : throw new CliUsageException($"{option} {path} is not a folder; expected an existing folder.");
    }

    /// <summary>
    /// A glob that climbs out of the root or does not parse matches nothing: refused by the runbook's rule (RG0001),
    /// rather than an empty ledger and exit 0.
    /// </summary>
    private static void RefuseBadGlobs(string[]? globs, string option)
    {
        foreach (var glob in globs ?? [])
        {
            if (GlobText.Problem(glob) is { } problem)
            {
                throw new CliUsageException($"expected {option} to be a glob relative to --root, found '{glob}': {problem}; nothing was written", "Write globs such as 'reports/**/*.json'; every path stays under --root.");
            }
        }
    }

    /// <summary>
    /// A name as <c>sha256sum -c</c> (coreutils 9.1) prints it: only a name holding LF is escaped (\, LF and CR alike)
    /// behind a leading backslash; a name with a backslash or a CR but no LF is printed as is.
    /// </summary>
    private static string Shown(string path)
    {
        if (!path.Contains('\n', StringComparison.Ordinal))
        {
            return path;
        }

        return "\\" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes <paramref name="target"/> through a temporary file beside it, renamed over it only when the whole text is
    /// written and no cancellation came meanwhile; on any failure the temporary file is removed and the target is as
    /// it was.
    /// </summary>
    private static void WriteAtomically(string target, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Names that are not UTF-8 are written with their own bytes, as sha256sum writes them.
            using (var writer = new StreamWriter(temporary, false, EscapedUtf8Encoding.Instance, 1 << 16))
            {
                write(writer);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>, drawing a one-line progress bar on stderr every 200 ms when stderr is a terminal;
    /// when it is not, nothing is drawn, so logs and pipes see only results.
    /// </summary>
    private static T WithProgress<T>(CliConsole console, Func<HashProgress?, T> work)
    {
        if (!console.ErrorIsTerminal)
        {
            return work(null);
        }

        var progress = new HashProgress();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var drawn = false;
        // A thread of its own, not the pool: the hashing workers keep the pool busy and would starve the frames.
        var drawer = new Thread(() =>
        {
            while (!stop.Token.WaitHandle.WaitOne(200))
            {
                if (progress.TotalFiles > 0)
                {
                    console.Error.Write("\r" + Bar(progress, clock.Elapsed));
                    drawn = true;
                }
            }
        })
        { IsBackground = true, Name = "ledger progress" };
        drawer.Start();
        try
        {
            return work(progress);
        }
        finally
        {
            stop.Cancel();
            drawer.Join();
            if (drawn)
            {
                // Clear the bar so the results that follow start on a clean line.
                console.Error.Write("\r\u001b[2K");
            }
        }
    }

    private static string Bar(HashProgress progress, TimeSpan elapsed)
    {
        const int width = 30;
        var total = Math.Max(progress.TotalBytes, 1);
        var fraction = Math.Clamp((double)progress.BytesDone / total, 0, 1);
        var filled = (int)(fraction * width);
        var rate = progress.BytesDone / Math.Max(elapsed.TotalSeconds, 0.001) / (1 << 20);
        return $"[{new string('#', filled)}{new string('-', width - filled)}] {(int)(fraction * 100),3}% {progress.FilesDone}/{progress.TotalFiles} files, {progress.BytesDone >> 20}/{progress.TotalBytes >> 20} MiB, {rate:F0} MiB/s";
    }

    /// <summary>
    /// Runs a ledger action (synchronously: its work is the hashing pool's). A cancellation (SIGINT, SIGTERM) comes
    /// out as <see cref="OperationCanceledException"/>, which the one top-level handler turns into exit 130 or 143.
    /// </summary>
    private static Task<int> Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return Task.FromResult(action());
        }
        catch (LedgerBuildException e)
        {
            // A tree that cannot be hashed as a whole is an integrity failure: exit 1, as sha256sum's.
            console.Error.WriteLine($"rungates: {e.Message}");
            return Task.FromResult(Failed);
        }

        // Any other I/O failure (a full disk, a closed stdout, no permission) judges no file: it goes on to the one
        // top-level handler, RG0003 and exit 2, never the integrity exit 1.
    }
}
