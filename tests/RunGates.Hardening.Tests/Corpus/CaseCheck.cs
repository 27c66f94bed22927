namespace RunGates.Hardening.Tests.Corpus;

/// <summary>One further thing a case must show, on its folder or output; <see cref="Failure"/> says why not, or null.</summary>
internal sealed record CaseCheck(string What, Func<CaseRun, string?> Failure);
