using System.Security.Cryptography;
using System.Text;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>Reads and validates a rungates.yml; every problem becomes a <see cref="RunbookError"/> with file, line and column.</summary>
public sealed class RunbookLoader
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="environment">The variables <c>${VAR}</c> expands from; the loader never reads the process environment itself.</param>
    public RunbookLoader(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
    }

    /// <summary>Loads the runbook at <paramref name="path"/>; throws <see cref="RunbookException"/> listing every error, in document order.</summary>
    public Runbook Load(string path)
    {
        var file = Path.GetFullPath(path);
        var (bytes, length) = Read(file);
        var utf8 = bytes.AsSpan(0, length);
        if (YamlTextLimits.Check(utf8, YamlLimits.Runbook) is { } crossed)
        {
            // Before decoding or parsing: a file over the size or line-length limit is refused from its bytes alone.
            throw new RunbookException(new RunbookError(DiagnosticCatalog.YamlSyntax, crossed.Message, new SourcePosition(file, crossed.Line, crossed.Column), crossed.Hint));
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(utf8));
        var text = new UTF8Encoding(false).GetString(utf8).TrimStart('\uFEFF');
        var errors = new List<RunbookError>();
        YamlPrescan.Scan(text, (line, column) => new SourcePosition(file, line, column), errors);
        if (errors.Count > 0)
        {
            throw new RunbookException(Ordered(errors));
        }

        // The prescan checked every event against the runbook's limits, so the recursive load below is bounded.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The prescan saw the same events, so this is a defensive net for anything it let through.
            var (line, column) = e is YamlException y ? ((int)y.Start.Line, (int)y.Start.Column) : (1, 1);
            throw new RunbookException(new RunbookError(DiagnosticCatalog.YamlSyntax, $"expected well-formed YAML, found: {e.Message}", new SourcePosition(file, Math.Max(1, line), Math.Max(1, column))));
        }

        var parser = new RunbookParser(file, _environment);
        var runbook = parser.Parse(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, digest);
        if (parser.Errors.Count > 0 || runbook is null)
        {
            // Every message may quote an expanded value: masked with the runbook's own secrets, whatever else is wrong.
            throw new RunbookException(Ordered(parser.Errors).Select(parser.Masker.Apply).ToList());
        }

        return runbook;
    }

    /// <summary>The runbook's bytes, at most one past the size limit, opened as a regular file or refused as RG1011.</summary>
    private static (byte[] Bytes, int Length) Read(string file)
    {
        try
        {
            using var handle = RegularFile.TryOpenRead(file, out var problem);
            if (handle is null)
            {
                throw new RunbookException(new RunbookError(
                    DiagnosticCatalog.RunbookNotFound,
                    $"expected a readable runbook file at {file}, found one that cannot be read: it {problem}",
                    SourcePosition.OfFile(file)));
            }

            return YamlTextLimits.ReadBounded(handle, YamlLimits.Runbook);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RunbookException(new RunbookError(
                DiagnosticCatalog.RunbookNotFound,
                $"expected a runbook at {file}, found no such file",
                SourcePosition.OfFile(file),
                "Run `rungates init` to write a starter, or pass --spec <path>."));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A file without read permission: nothing can run from it, so nothing may be written.
            throw new RunbookException(new RunbookError(
                DiagnosticCatalog.RunbookNotFound,
                $"expected a readable runbook file at {file}, found one that cannot be read: {e.Message}",
                SourcePosition.OfFile(file)));
        }
    }

    private static List<RunbookError> Ordered(List<RunbookError> errors) =>
        errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList();
}
