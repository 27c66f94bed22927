using RunGates.Cli;

return await RunGatesApp.RunAsync(args, CliConsole.FromProcess(), CancellationToken.None);
