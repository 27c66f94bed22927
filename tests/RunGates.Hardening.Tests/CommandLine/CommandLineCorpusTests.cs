using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.CommandLine;

/// <summary>Hostile command lines and signals (<see cref="CommandLineCases"/>): the documented exit class with a code, nothing written on exit 2.</summary>
public sealed class CommandLineCorpusTests
{
    public static TheoryData<string> Cases => HostileCorpus.Names("command-line/");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_command_line_ends_in_its_exit_class(string name) => HostileCorpus.Verify(name);
}
