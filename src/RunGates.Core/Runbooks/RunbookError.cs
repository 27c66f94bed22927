using RunGates.Core.Diagnostics;

namespace RunGates.Core.Runbooks;

/// <summary>One problem with a rungates.yml: its code, what was expected and found, where, and a hint to fix it.</summary>
public sealed record RunbookError(RunGatesDiagnostic Diagnostic, string Message, SourcePosition Position, string? Hint = null)
{
    /// <summary>The compiler's form: <c>path(line,col): error RG1002: message. Hint.</c>, message and hint as sentences.</summary>
    public override string ToString() =>
        $"{Position}: error {Diagnostic.Code}: {DiagnosticText.WithHint(Message, Hint)}";

    /// <summary>The compiler's form with the path relative to <paramref name="baseDirectory"/> where it lies below it.</summary>
    public string ToString(string baseDirectory) =>
        $"{Position.ToString(baseDirectory)}: error {Diagnostic.Code}: {DiagnosticText.WithHint(Message, Hint)}";
}
