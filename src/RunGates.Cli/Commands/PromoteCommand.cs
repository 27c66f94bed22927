using System.CommandLine;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Promotion;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary>
/// <c>rungates promote</c>: says whether a committed bundle may be promoted and why not; with
/// <c>--require-promotable</c> refuses (exit 1) an unpromotable run. A bundle that does not verify, whose promotion
/// packet disagrees with its committed results.json, or that was invalidated is exit 3, as <c>bundle validate</c>.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var bundle = new Option<string?>("--bundle")
        {
            Description = "The bundle to promote: a folder, a run id, or LATEST. Default: LATEST.",
            HelpName = "BUNDLE",
        };
        var require = new Option<bool>("--require-promotable") { Description = "Exit 1, with the reasons, unless the run is promotable." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Copy promotion_packet.json to FILE (only when the run is promotable, or without --require-promotable).",
            HelpName = "FILE",
        };
        var command = new Command("promote", "Verify a committed bundle and report whether its run is promotable, with the reasons when it is not.")
        {
            bundle, require, output, bundles, spec,
        };
        command.SetAction(parse =>
        {
            // The runbook, when it is at hand (--spec, or needed to find the bundle), may only make promotion stricter.
            // Checked first: a wrong --out changes nothing and is exit 2, before any bundle is read.
            var outPath = parse.GetValue(output) is { } target ? CliPaths.OutputFile(console, target, "--out", "the file to copy promotion_packet.json to") : null;
            Runbook? runbook = parse.GetValue(spec) is { } given ? BundleLocator.LoadRunbook(console, given) : null;
            var directory = BundleReference.Resolve(parse.GetValue(bundle), console.WorkingDirectory, () =>
            {
                if (parse.GetValue(bundles) is { } folder)
                {
                    return new BundleStore(console.FullPath(folder));
                }

                runbook ??= BundleLocator.LoadRunbook(console, null);
                return new BundleStore(runbook.Run.Bundles);
            });
            var store = BundleLocator.Store(console, Path.GetDirectoryName(directory), null);
            var review = BundlePromoter.Review(store, directory, runbook);
            var shown = BundleLocator.Shown(console, directory);
            if (review.Problems.Count > 0)
            {
                foreach (var problem in review.Problems)
                {
                    console.Error.WriteLine(problem.ToString());
                }

                console.Error.WriteLine($"rungates: bundle {shown} does not verify: {DiagnosticText.Count(review.Problems.Count, "problem")}; it cannot be promoted.");
                return ExitCodes.IntegrityError;
            }

            var packet = review.Packet;
            var verdict = packet is null ? "" : $" ({packet.Verdict.ToString().ToLowerInvariant()}, {packet.VerdictName})";
            if (review.Promotable)
            {
                console.Out.WriteLine($"promotable: {shown}{verdict}");
            }
            else
            {
                console.Out.WriteLine($"not promotable: {shown}{verdict}");
                foreach (var reason in review.Reasons)
                {
                    console.Out.WriteLine("  - " + reason);
                }
            }

            var refuse = parse.GetValue(require) && !review.Promotable;
            if (outPath is { } full && review.PacketPath is { } packetPath && !refuse)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.Copy(packetPath, full, overwrite: true);
                console.Out.WriteLine($"packet: {BundleLocator.Shown(console, full)}");
            }

            if (refuse)
            {
                console.Error.WriteLine($"rungates: error RG5001: {shown} is not promotable; --require-promotable refuses it.");
                return ExitCodes.VerdictBelowThreshold;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
