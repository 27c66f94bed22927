namespace RunGates.Core.Evidence;

/// <summary>
/// The one place a <see cref="ValueReference"/> becomes values; every matcher, filter and check that takes a REF calls it.
/// </summary>
/// <remarks>
/// How a check resolves a <c>{ file, path }</c> source to values with positions (covers' <c>values</c> and <c>by</c>, a
/// matcher's REF): parse it at load with <see cref="ValueReference.TryParseFile"/> (a <see cref="ValueReference"/> with
/// its rungates.yml position), then at evaluation call
/// <c>ReferenceResolver.Resolve(reference, context.References(phase))</c>. The result lists every present value the
/// path selects, in document order, each with its concrete path and its node (whose <c>Position</c> is the value's
/// own file, line and column, JSON or YAML); <see cref="ReferenceResolution.IsMissing"/> says the file does not exist
/// (a check reports <c>missing</c>), <see cref="ReferenceResolution.Failure"/> any other reason it could not be read
/// (unparseable, run.json not yet written, a <c>bundle:</c> that is uncommitted, invalidated, fails its digests or does
/// not list the file). A matcher that needs one value calls <see cref="ReferenceResolution.Single"/>.
/// Files: evidence paths resolve against <see cref="ReferenceSources.EvidenceBase"/>, <c>spec:</c> against rungates.yml's
/// folder, <c>run</c> is this run's run.json (read fresh, never cached), <c>bundle:ID/F</c> is F in a committed earlier
/// bundle opened through <see cref="ReferenceBundles"/>.
/// </remarks>
public static class ReferenceResolver
{
    /// <summary>
    /// Every value <paramref name="reference"/> names. <paramref name="documentRoot"/> is the document under test (for
    /// same-document paths and <c>$</c> in filters), <paramref name="element"/> the element under test (for <c>@</c>);
    /// both may be null for a reference to another file. <paramref name="sources"/> may be null only when the reference
    /// is not external. <paramref name="outer"/> is what <c>^</c> names in the REF's filters (a join): the element under
    /// test, or where none is selected the record or document under test; by default the element, else the document.
    /// </summary>
    public static ReferenceResolution Resolve(ValueReference reference, ReferenceSources? sources, EvidenceNode? documentRoot = null, EvidenceNode? element = null, EvidenceNode? outer = null, string? testedFile = null)
    {
        outer ??= element ?? documentRoot;
        EvidenceNode start;
        string? documentPath = null;
        switch (reference.File)
        {
            case ReferenceFileKind.FileName:
                return FileName(reference, testedFile);
            case ReferenceFileKind.SameDocument:
                if (documentRoot is null)
                {
                    return ReferenceResolution.Failed(reference, "no document to read it from");
                }

                start = documentRoot;
                break;
            case ReferenceFileKind.Element:
                if (element is null)
                {
                    return ReferenceResolution.Failed(reference, "'@' names the element under test, and there is none here");
                }

                start = element;
                break;
            default:
                if (sources is null)
                {
                    return ReferenceResolution.Failed(reference, "another file cannot be read here");
                }

                var loaded = Load(reference, sources, out documentPath, out var refusal);
                if (refusal is not null)
                {
                    return refusal;
                }

                if (loaded is null)
                {
                    // if-none: pass, and no run was ever committed (Load says so only then).
                    return new ReferenceResolution(reference, [], null, false, documentPath) { NoEarlierBundle = true };
                }

                if (loaded!.IsMissing)
                {
                    return ReferenceResolution.Failed(reference, $"{documentPath} does not exist", missing: true, documentPath);
                }

                if (loaded.Document is not { } document)
                {
                    return ReferenceResolution.Failed(reference, loaded.Error ?? "unreadable", document: documentPath);
                }

                start = document.Root;
                documentRoot = document.Root;
                break;
        }

        var values = new List<EvidencePathResolver.Resolution>();
        foreach (var resolution in EvidencePathResolver.Resolve(start, reference.Path, documentRoot ?? start, outer))
        {
            if (resolution.Node is not null)
            {
                values.Add(resolution);
            }
        }

        return new ReferenceResolution(reference, values, null, false, documentPath);
    }

    /// <summary>The one value <paramref name="reference"/> names, or null with <paramref name="why"/> (absent, ambiguous, unreadable).</summary>
    public static EvidenceNode? ResolveOne(ValueReference reference, ReferenceSources? sources, EvidenceNode? documentRoot, EvidenceNode? element, out string? why) =>
        Resolve(reference, sources, documentRoot, element).Single(out why);

    // The tested document's file name as a string value, placed at the file itself.
    private static ReferenceResolution FileName(ValueReference reference, string? testedFile)
    {
        if (testedFile is null)
        {
            return ReferenceResolution.Failed(reference, "there is no document under test here");
        }

        var name = reference.WholeFileName ? Path.GetFileName(testedFile) : Path.GetFileNameWithoutExtension(testedFile);
        if (reference.StripPrefix is { } prefix)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
            {
                return ReferenceResolution.Failed(reference, $"the file name {Path.GetFileName(testedFile)} does not start with {prefix} followed by a value", document: testedFile);
            }

            name = name[prefix.Length..];
        }

        var position = Runbooks.SourcePosition.OfFile(testedFile);
        var value = EvidenceNode.Scalar(EvidenceNodeKind.String, name, () => position);
        return new ReferenceResolution(reference, [new EvidencePathResolver.Resolution("file-name", value)], null, false, testedFile);
    }

    /// <summary>The document a REF to another file reads; null (with no refusal) for if-none: pass when no run was ever committed.</summary>
    private static EvidenceLoadResult? Load(ValueReference reference, ReferenceSources sources, out string documentPath, out ReferenceResolution? refusal)
    {
        refusal = null;
        switch (reference.File)
        {
            case ReferenceFileKind.Run:
                documentPath = "run.json";
                if (sources.RunJsonPath is null)
                {
                    refusal = ReferenceResolution.Failed(reference, "run.json does not exist yet: the bundle is not open", missing: true, documentPath);
                    return null;
                }

                // run.json is rewritten during the run, so it bypasses the per-run document cache.
                documentPath = sources.RunJsonPath;
                return EvidenceReader.Load(sources.RunJsonPath);
            case ReferenceFileKind.Spec:
                documentPath = Path.GetFullPath(reference.FilePath!, sources.SpecDirectory);
                return Contained(reference, sources, sources.SpecDirectory, documentPath, out refusal);
            case ReferenceFileKind.Bundle:
                var opened = sources.Bundles.Open(sources.BundlesDirectory, reference.BundleId!);
                documentPath = opened.Directory is null ? reference.FilePath! : Path.Combine(opened.Directory, reference.FilePath!);
                if (opened.None && reference.IfNone)
                {
                    return null;
                }

                if (opened.Refusal is { } why)
                {
                    refusal = ReferenceResolution.Failed(reference, why, document: documentPath);
                    return null;
                }

                if (!opened.Files.Contains(reference.FilePath!))
                {
                    refusal = ReferenceResolution.Failed(reference, $"{reference.FilePath} is not listed in the artifact index of bundle {Path.GetFileName(opened.Directory)}", missing: true, documentPath);
                    return null;
                }

                return sources.Documents.Load(documentPath);
            default:
                documentPath = Path.GetFullPath(reference.FilePath!, sources.EvidenceBase);
                return Contained(reference, sources, sources.EvidenceBase, documentPath, out refusal);
        }
    }

    // Refused before a byte is read when the file lies outside its root or a link along it leads out (RG4004).
    private static EvidenceLoadResult? Contained(ValueReference reference, ReferenceSources sources, string root, string documentPath, out ReferenceResolution? refusal)
    {
        refusal = sources.Escape(root, documentPath) is { } why ? ReferenceResolution.Failed(reference, why, document: documentPath) : null;
        return refusal is null ? sources.Documents.Load(documentPath) : null;
    }
}
