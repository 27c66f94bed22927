using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Verdicts;

/// <summary>Turns a required or advisory failure into <see cref="Outcome.Waived"/> when a live waiver covers it. Never a blocker.</summary>
public static class WaiverApplier
{
    public static CheckResult Apply(CheckResult result, IReadOnlyList<Waiver> waivers, DateTimeOffset now)
    {
        if (result.Outcome != Outcome.Failed)
        {
            return result;
        }

        var candidates = waivers.Where(w => w.Check == result.Id).ToList();
        if (candidates.Count == 0 || result.Severity == Severity.Blocker)
        {
            return result;
        }

        var live = candidates.Where(w => w.IsLiveOn(now)).OrderByDescending(w => w.Expires).FirstOrDefault();
        if (live is not null)
        {
            return result with
            {
                Outcome = Outcome.Waived,
                Waiver = live,
                Message = $"{result.Message} (waived by {live.By} until {live.Expires:yyyy-MM-dd}: {live.Reason})",
            };
        }

        var expired = candidates.OrderByDescending(w => w.Expires).First();
        return result with
        {
            ExpiredWaiver = expired,
            Message = $"{result.Message} (waiver by {expired.By} expired {expired.Expires:yyyy-MM-dd})",
        };
    }
}
