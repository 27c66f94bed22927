using RunGates.Core.Runbooks;

namespace RunGates.Core.Runs;

/// <summary>The commit a run was made from and whether the tree had uncommitted changes; null fields outside a git work tree.</summary>
public sealed record GitInfo(string? Sha, bool? Dirty)
{
    public static GitInfo None { get; } = new(null, null);

    public string Short => Sha is { Length: >= 7 } ? Sha[..7] : "nogit";

    /// <summary>Asks git about <paramref name="directory"/>; git missing or not a repository gives <see cref="None"/>.</summary>
    public static async Task<GitInfo> ReadAsync(string directory, ProcessRunner processes, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(15);
        var head = await processes.RunAsync(CommandSpec.Direct(["git", "rev-parse", "HEAD"]), directory, null, timeout, cancellationToken).ConfigureAwait(false);
        if (!head.Succeeded())
        {
            return None;
        }

        var sha = head.Output.Trim();
        var status = await processes.RunAsync(CommandSpec.Direct(["git", "status", "--porcelain"]), directory, null, timeout, cancellationToken).ConfigureAwait(false);
        return new GitInfo(sha, status.Succeeded() ? status.Output.Trim().Length > 0 : null);
    }
}
