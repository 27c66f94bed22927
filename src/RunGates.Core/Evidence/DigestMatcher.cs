using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Evidence;

/// <summary>
/// <c>digest-of: REF</c>: the value under test is the SHA-256 (64 hex digits, either case, optionally written
/// <c>sha256:&lt;hex&gt;</c>) of the file whose path is REF's value, relative to the evidence folder; or, with
/// <c>digest-of: { file: F }</c>, of the file F itself (an evidence path, or <c>spec:&lt;path&gt;</c> beside rungates.yml).
/// The path must stay inside its folder as evidence paths do (relative, no <c>..</c>, no link leading out: RG4004); a
/// missing file fails naming it.
/// </summary>
internal static class DigestMatcher
{
    private const string Prefix = "sha256:";

    /// <summary>Null when the value is the file's digest; otherwise why not.</summary>
    public static string? Check(Matcher matcher, EvidenceNode node, in MatchScope scope)
    {
        string relative;
        var spec = false;
        if (matcher.DigestFile is { } file)
        {
            relative = file.FilePath!;
            spec = file.File == ReferenceFileKind.Spec;
        }
        else
        {
            if (ReferenceResolver.ResolveOne(matcher.Reference!, scope.Sources, scope.Document.Root, scope.Element, out var why) is not { } target)
            {
                return why;
            }

            if (target.Kind != EvidenceNodeKind.String || string.IsNullOrEmpty(target.Text))
            {
                return $"{matcher.Reference!.Text} is {target.Display()}, expected a file path";
            }

            relative = target.Text;
        }

        var digest = node.Kind == EvidenceNodeKind.String ? node.Text : null;
        if (digest is not null && digest.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            digest = digest[Prefix.Length..];
        }

        if (digest is not { Length: 64 } || !digest.All(char.IsAsciiHexDigit))
        {
            return "expected 64 hexadecimal digits";
        }

        if (scope.Sources is not { } sources)
        {
            return "no evidence folder to read the file from here";
        }

        if (RootedPath.Refusal(relative) is { } refusal)
        {
            return $"{relative}: {refusal} ({DiagnosticCatalog.PathEscapesRoot.Code})";
        }

        var root = spec ? sources.SpecDirectory : sources.EvidenceBase;
        var full = Path.GetFullPath(relative, root);
        if (sources.Escape(root, full) is { } escape)
        {
            return $"{relative}: {escape}";
        }

        if (!File.Exists(full))
        {
            return $"{relative} does not exist";
        }

        var computed = Sha256FileHasher.Hash(full);
        if (!computed.Succeeded)
        {
            return $"{relative} cannot be read: {computed.Error}";
        }

        return string.Equals(computed.Sha256, digest, StringComparison.OrdinalIgnoreCase) ? null : $"{relative} has SHA-256 {computed.Sha256}";
    }
}
