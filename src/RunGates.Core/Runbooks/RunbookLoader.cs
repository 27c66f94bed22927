using System.Security.Cryptography;
using System.Text;
using RunGates.Core.Diagnostics;
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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
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
            // A folder named rungates.yml, a file without read permission: nothing can run from it, so nothing may be written.
            throw new RunbookException(new RunbookError(
                DiagnosticCatalog.RunbookNotFound,
                $"expected a readable runbook file at {file}, found one that cannot be read: {e.Message}",
                SourcePosition.OfFile(file)));
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var errors = new List<RunbookError>();
        YamlPrescan.Scan(text, (line, column) => new SourcePosition(file, line, column), errors);
        if (errors.Count > 0)
        {
            throw new RunbookException(Ordered(errors));
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // The prescan saw the same events, so this is a defensive net for anything it let through.
            throw new RunbookException(new RunbookError(DiagnosticCatalog.YamlSyntax, $"expected well-formed YAML, found: {e.Message}", new SourcePosition(file, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column))));
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new RunbookException(new RunbookError(DiagnosticCatalog.YamlSyntax, "expected one YAML document, found more than one", new SourcePosition(file, (int)second.Start.Line, (int)second.Start.Column), "Remove the '---' separator and the second document."));
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

    private static List<RunbookError> Ordered(List<RunbookError> errors) =>
        errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column).ToList();
}
