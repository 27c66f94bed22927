// RunGates' own build, gated by the root rungates.yml. From a clone:
//   dotnet tool restore
//   dotnet cake build/build.cake                      # Default: build, pre-flight, test, pack, ledger, gates, promote
//   dotnet cake build/build.cake --target=Ledger      # build, pack, SHA256SUMS beside the packages
// Arguments: --target, --configuration (Release), --spec (rungates.yml), --fail-on (partial), --artifacts (artifacts),
// --rungates (a built rungates.dll to use instead of this build's), --package-version (default: Directory.Build.props).
// Paths are relative to the repository root.
// The RunGates targets (Preflight, Gates, Ledger, Promote) only call the rungates CLI (rungates.cake).
#load "rungates.cake"
#load "test-evidence.cake"

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var failOn = Argument("fail-on", "partial");

// Cake runs with the script's folder as its working directory; everything is resolved from the repository root.
var root = MakeAbsolute(Directory(".."));
var solution = root.CombineWithFilePath("RunGates.sln");
var spec = File(Argument("spec", "rungates.yml")).Path.MakeAbsolute(root);
var artifacts = Directory(Argument("artifacts", "artifacts")).Path.MakeAbsolute(root);
var packages = artifacts.Combine("packages");
var testResults = artifacts.Combine("test-results");
var evidence = artifacts.Combine("evidence");
var cliProject = root.CombineWithFilePath("src/RunGates.Cli/RunGates.Cli.csproj");
var msbuildProject = root.CombineWithFilePath("src/RunGates.MSBuild/RunGates.MSBuild.csproj");
var builtCli = root.CombineWithFilePath($"src/RunGates.Cli/bin/{configuration}/net10.0/rungates.dll");
var rungates = RunGatesTool.FromAssembly(Context, HasArgument("rungates") ? File(Argument<string>("rungates")).Path.MakeAbsolute(root) : builtCli);
rungates.WorkingDirectory = root;
// --package-version (a release tag's) overrides the version in Directory.Build.props for the packages and archives.
var version = Argument("package-version", XmlPeek(root.CombineWithFilePath("Directory.Build.props"), "/Project/PropertyGroup/Version"));
var versioned = new DotNetMSBuildSettings().WithProperty("Version", version);

// The files a release ships, and so the ones its SHA256SUMS lists.
var releaseFiles = new[] { "*.nupkg", "*.snupkg", "rungates-*.tar.gz", "rungates-*.zip" };

Task("Clean")
    .Description("Removes artifacts/ and the build outputs. Bundles under out/ stay: a committed bundle is never deleted.")
    .Does(() =>
{
    DotNetClean(solution.FullPath, new DotNetCleanSettings { Configuration = configuration });
    if (DirectoryExists(artifacts))
    {
        DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    }
});

Task("Restore")
    .Does(() => DotNetRestore(solution.FullPath));

Task("Build")
    .IsDependentOn("Restore")
    .Does(() => DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

Task("Preflight")
    .Description("rungates run --preflight-only: the runbook's pre-flight checks, before anything else runs.")
    .IsDependentOn("Build")
    .Does(() => rungates.Preflight(spec, failOn));

Task("Test")
    .Description("dotnet test with TRX and Cobertura coverage, turned into evidence/tests.json and evidence/coverage.json.")
    .IsDependentOn("Preflight")
    .Does(() =>
{
    CleanDirectory(testResults);
    CakeException failure = null;
    try
    {
        DotNetTest(solution.FullPath, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            ResultsDirectory = testResults,
            Collectors = new[] { "XPlat Code Coverage" },
        });
    }
    catch (CakeException e)
    {
        // The evidence of a failed test run is still evidence: write it, then fail.
        failure = e;
    }

    TestEvidence.WriteTests(artifacts, GetFiles(testResults.FullPath + "/*.trx"), evidence.CombineWithFilePath("tests.json"));
    TestEvidence.WriteCoverage(artifacts, GetFiles(testResults.FullPath + "/*/coverage.cobertura.xml"), evidence.CombineWithFilePath("coverage.json"));
    Information("evidence: {0}, {1}", evidence.CombineWithFilePath("tests.json"), evidence.CombineWithFilePath("coverage.json"));
    if (failure != null)
    {
        throw failure;
    }
});

Task("Pack")
    .Description("The NuGet packages (the tool: pointer, portable and, on Linux x64, native; MSBuild) and the CLI as .tar.gz and .zip, in artifacts/packages.")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(packages);
    // Not --no-build: tests pack RunGates.MSBuild with a test version into the same bin/, so pack builds what it ships.
    foreach (var project in new[] { cliProject, msbuildProject })
    {
        DotNetPack(project.FullPath, new DotNetPackSettings { Configuration = configuration, NoRestore = true, OutputDirectory = packages, MSBuildSettings = versioned });
    }

    // The tool is RID-specific (src/RunGates.Cli/RunGates.Cli.csproj): the pack above made the pointer package; the
    // portable build ("any") and, on Linux x64, the Native AOT one are packs of their own (each restores for its RID).
    DotNetPack(cliProject.FullPath, new DotNetPackSettings { Configuration = configuration, Runtime = "any", OutputDirectory = packages, MSBuildSettings = versioned });
    if (IsRunningOnLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
    {
        DotNetPack(cliProject.FullPath, new DotNetPackSettings { Configuration = configuration, Runtime = "linux-x64", OutputDirectory = packages, MSBuildSettings = versioned });
    }

    // A framework-dependent CLI: one archive for every OS with the .NET 10 runtime (`dotnet rungates.dll`).
    var publish = artifacts.Combine("publish/rungates");
    CleanDirectory(publish);
    DotNetPublish(cliProject.FullPath, new DotNetPublishSettings
    {
        Configuration = configuration,
        NoRestore = true,
        OutputDirectory = publish,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("Version", version).WithProperty("UseAppHost", "false").WithProperty("PublishAot", "false"),
    });
    var name = $"rungates-{version}";
    using (var tar = System.IO.File.Create(packages.CombineWithFilePath(name + ".tar.gz").FullPath))
    using (var gzip = new System.IO.Compression.GZipStream(tar, System.IO.Compression.CompressionLevel.Optimal))
    {
        System.Formats.Tar.TarFile.CreateFromDirectory(publish.FullPath, gzip, includeBaseDirectory: false);
    }

    System.IO.Compression.ZipFile.CreateFromDirectory(publish.FullPath, packages.CombineWithFilePath(name + ".zip").FullPath);
    DeleteDirectory(artifacts.Combine("publish"), new DeleteDirectorySettings { Recursive = true, Force = true });
    foreach (var file in GetFiles(packages.FullPath + "/*"))
    {
        Information("{0}", root.GetRelativePath(file));
    }
});

Task("Ledger")
    .Description("rungates ledger write, then verify: SHA256SUMS over the release files in artifacts/packages.")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var ledger = packages.CombineWithFilePath("SHA256SUMS");
    rungates.WriteLedger(packages, ledger, include: releaseFiles);
    rungates.VerifyLedger(ledger);
});

Task("Gates")
    .Description("rungates run: the whole runbook over artifacts/ (tests, coverage, packages, ledger); fails below --fail-on.")
    .IsDependentOn("Test")
    .IsDependentOn("Ledger")
    .Does(() => rungates.Run(spec, failOn));

Task("Promote")
    .Description("rungates promote --require-promotable on LATEST; a copy of the promotion packet in artifacts/.")
    .IsDependentOn("Gates")
    .Does(() => rungates.Promote(spec, packetCopy: artifacts.CombineWithFilePath("promotion_packet.json")));

Task("Default")
    .IsDependentOn("Promote");

RunTarget(target);
