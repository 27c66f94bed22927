namespace RunGates.Core.Runbooks;

/// <summary>Why a YAML document was refused: each reader words these its own way, but finds them in one place.</summary>
internal enum YamlProblemKind
{
    /// <summary>Not well-formed YAML; the parser stopped here.</summary>
    Syntax,

    /// <summary>A document crossed one of its <see cref="YamlLimits"/>; reading stopped here.</summary>
    Limit,

    /// <summary>An alias that names no anchor, or the node holding it, or an anchor defined twice: a complete sentence.</summary>
    Alias,

    /// <summary>A key named twice in one mapping; <see cref="YamlProblem.Key"/> and <see cref="YamlProblem.First"/> say which and where first.</summary>
    DuplicateKey,

    /// <summary>A second document (<c>---</c>) in a stream that must hold one.</summary>
    SecondDocument,
}
