using RunGates.Core.Runs;

namespace RunGates.Cli;

/// <summary>
/// The masker of the runbook an invocation loaded, for the errors printed where no report is made (the failures
/// <see cref="RunGatesApp"/> catches). One per invocation, shared by every copy of its <see cref="CliConsole"/>.
/// </summary>
public sealed class CliMasking
{
    public SecretMasker Masker { get; private set; } = SecretMasker.None;

    public void Add(SecretMasker masker) => Masker = Masker.With(masker);

    public string Apply(string text) => Masker.Apply(text);
}
