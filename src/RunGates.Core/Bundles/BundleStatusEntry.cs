namespace RunGates.Core.Bundles;

/// <summary>One line of <c>status.jsonl</c>: what was done to a bundle, why, by whom and when.</summary>
public sealed record BundleStatusEntry(string RunId, string Action, string Reason, string By, DateTimeOffset At)
{
    public const string InvalidateAction = "invalidate";
}
