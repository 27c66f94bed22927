namespace RunGates.Core.Runbooks;

/// <summary>The JSON Schema of rungates.yml and the commented starter file, both shipped inside the assembly.</summary>
public static class RunbookSchema
{
    public static string Json { get; } = ReadResource("RunGates.Core.rungates.schema.json");

    public static string StarterYaml { get; } = ReadResource("RunGates.Core.rungates.starter.yml");

    private static string ReadResource(string name)
    {
        using var stream = typeof(RunbookSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in RunGates.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
