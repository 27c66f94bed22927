using RunGates.Bench;

// Benchmark fixtures. Usage: RunGates.Bench generate-evidence <folder> [count] [failing-every]
if (args.Length >= 2 && args[0] == "generate-evidence")
{
    var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var failingEvery = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
    var bytes = EvidenceGenerator.Generate(args[1], count, failingEvery);
    Console.WriteLine($"wrote {count} files, {bytes / 1024} KiB, to {args[1]}");
    return 0;
}

// Times the five each: gates in process. Usage: RunGates.Bench evaluate-evidence <folder> [repeats]
if (args.Length >= 2 && args[0] == "evaluate-evidence")
{
    return EvidenceGateBench.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

Console.Error.WriteLine("usage: RunGates.Bench generate-evidence <folder> [count] [failing-every] | evaluate-evidence <folder> [repeats]");
return 2;
