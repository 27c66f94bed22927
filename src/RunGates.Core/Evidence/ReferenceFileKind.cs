namespace RunGates.Core.Evidence;

/// <summary>Which document a <see cref="ValueReference"/> reads.</summary>
public enum ReferenceFileKind
{
    /// <summary>A path from the root of the document under test: <c>a.b[0].c</c> or <c>/a/b</c>.</summary>
    SameDocument,
    /// <summary><c>@</c> or <c>@.x.y</c>: relative to the element under test (the innermost <c>[*]</c> or filter element).</summary>
    Element,
    /// <summary><c>{ file: F, path: P }</c> with F relative to <c>run.evidence</c> (in pre-flight, to rungates.yml's folder).</summary>
    Evidence,
    /// <summary><c>{ file: run, path: P }</c>: this run's run.json (gates only).</summary>
    Run,
    /// <summary><c>{ file: spec:F, path: P }</c>: F relative to the folder holding rungates.yml.</summary>
    Spec,
    /// <summary><c>{ file: bundle:ID/F, path: P }</c>: F inside a committed earlier bundle (ID is LATEST or a run id).</summary>
    Bundle,
    /// <summary><c>{ file-name: base | name }</c>: the file name of the document under test (CVN's <c>&lt;value&gt;.yaml</c>).</summary>
    FileName,
}
