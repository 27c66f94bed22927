using RunGates.Cli;

var console = CliConsole.FromProcess();
using var signals = CliSignals.Register(console.Error);
return await RunGatesApp.RunAsync(args, console, signals);
