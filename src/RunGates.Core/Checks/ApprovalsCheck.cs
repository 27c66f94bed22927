using RunGates.Core.Diagnostics;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>approvals:</c> the pull request has at least <see cref="Min"/> approving reviews, counting each reviewer's latest
/// review only (a later comment or dismissal replaces an approval) and not the author's own when <see cref="NotAuthor"/>.
/// Outside a pull request it is <c>missing</c>.
/// </summary>
public sealed record ApprovalsCheck : Check
{
    public int Min { get; init; } = 1;

    public bool NotAuthor { get; init; } = true;

    public override string Kind => "approvals";

    public override string Describe() => $"Requires {DiagnosticText.Count(Min, "approving review")}{(NotAuthor ? " from someone other than the author" : "")}.";

    public override CheckInputs Inputs(CheckContext context) => CheckInputs.Always("an approvals check asks for reviews");

    public override async ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var reviews = context.Reviews is null ? null : await context.Reviews.GetReviewsAsync(cancellationToken).ConfigureAwait(false);
        if (reviews is null)
        {
            return CheckEvaluation.Missing("not a pull request: approvals are read only when RunGates reports on a pull request");
        }

        // Only states that express a verdict replace an earlier one; a later plain comment leaves an approval standing.
        var latest = reviews.Reviews
            .Where(r => r.State is "APPROVED" or "CHANGES_REQUESTED" or "DISMISSED")
            .GroupBy(r => r.Reviewer, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(r => r.SubmittedAt).Last())
            .ToList();
        var approvers = latest
            .Where(r => r.State == "APPROVED")
            .Where(r => !NotAuthor || !string.Equals(r.Reviewer, reviews.Author, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Reviewer)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();

        if (approvers.Count >= Min)
        {
            return CheckEvaluation.Passed($"pull request #{reviews.Number} approved by {string.Join(", ", approvers)}");
        }

        var found = approvers.Count == 0 ? "none" : string.Join(", ", approvers);
        return CheckEvaluation.Failed(new CheckFinding(
            $"pull request #{reviews.Number} has {DiagnosticText.Count(approvers.Count, "approving review")} ({found}), expected at least {Min}{(NotAuthor ? " not by the author " + reviews.Author : "")}",
            Position,
            $">= {Min}",
            approvers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
