using RunGates.Core.Checks;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>command:</c> check, with its <c>timeout</c> and <c>exit-code</c>.</summary>
internal sealed partial class RunbookParser
{
    private CommandCheck? ParseCommand(Fields map, YamlNode value, Phase phase, SourcePosition position)
    {
        var command = Command(value, "command");
        var timeout = map.TryGet("timeout", out var timeoutNode) ? Duration(timeoutNode, "timeout") : null;
        var exitCode = map.TryGet("exit-code", out var exitNode) ? Integer(exitNode, "exit-code", 0, 255) : null;
        return command is null
            ? null
            : new CommandCheck { Id = "", Phase = phase, Position = position, Command = command, Timeout = timeout ?? CommandCheck.DefaultTimeout, ExitCode = exitCode ?? 0 };
    }
}
