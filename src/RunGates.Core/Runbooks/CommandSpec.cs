namespace RunGates.Core.Runbooks;

/// <summary>
/// A command from rungates.yml. Given as a string it runs through the shell (<c>sh -c</c>, <c>cmd /c</c> on Windows);
/// given as a list it runs directly, without one.
/// </summary>
public sealed record CommandSpec
{
    private CommandSpec(string? shellText, IReadOnlyList<string>? arguments)
    {
        ShellText = shellText;
        Arguments = arguments;
    }

    /// <summary>The command text when given as a string; null when given as a list.</summary>
    public string? ShellText { get; }

    /// <summary>The program and its arguments when given as a list; null when given as a string.</summary>
    public IReadOnlyList<string>? Arguments { get; }

    public static CommandSpec Shell(string text) => new(text, null);

    public static CommandSpec Direct(IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? throw new ArgumentException("A command needs a program.", nameof(arguments)) : new(null, arguments);

    /// <summary>The command as a person would type it, for messages and logs.</summary>
    public override string ToString() =>
        ShellText ?? string.Join(' ', Arguments!.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
}
