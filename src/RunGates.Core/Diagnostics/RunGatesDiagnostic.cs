namespace RunGates.Core.Diagnostics;

/// <summary>A diagnostic's code, default severity and title, with its help page <c>docs/errors/&lt;code&gt;.md</c>.</summary>
public sealed record RunGatesDiagnostic(string Code, DiagnosticSeverity Severity, string Title)
{
    public const string HelpBase = "https://github.com/rungates/rungates/blob/main/docs/errors/";

    public string HelpLink => HelpBase + Code + ".md";

    public override string ToString() => Code;
}
