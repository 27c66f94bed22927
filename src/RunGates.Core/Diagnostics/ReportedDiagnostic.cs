using RunGates.Core.Runbooks;

namespace RunGates.Core.Diagnostics;

/// <summary>
/// One diagnostic a front door prints for a run: the compiler's <c>path(line,col): error RGxxxx: message</c> line, an
/// MSBuild error or warning, a GitHub annotation. <see cref="CheckId"/> is the check or step it came from.
/// </summary>
public sealed record ReportedDiagnostic(RunGatesDiagnostic Diagnostic, DiagnosticSeverity Severity, SourcePosition Position, string CheckId, string Message)
{
    public string Code => Diagnostic.Code;

    /// <summary>The compiler's form, with the path relative to <paramref name="baseDirectory"/> where it lies below it.</summary>
    public string ToString(string baseDirectory) =>
        $"{Position.ToString(baseDirectory)}: {SeverityWord} {Code}: {Message}";

    public override string ToString() => $"{Position}: {SeverityWord} {Code}: {Message}";

    private string SeverityWord => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
