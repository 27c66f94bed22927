namespace RunGates.MSBuild.Tests.TestSupport;

/// <summary>
/// A throwaway project in its own folder that consumes RunGates.MSBuild from <see cref="PackageFeed"/> only
/// (a NuGet.Config with &lt;clear/&gt;) and restores into its own packages folder, built with the real dotnet CLI.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private readonly TempFolder _folder = new();

    public ConsumerProject(PackageFeed feed, string runbook, string targetFrameworks = "net10.0", string extraProperties = "")
    {
        var frameworks = targetFrameworks.Contains(';', StringComparison.Ordinal)
            ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>"
            : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        // An alias of net10.0 gives a second framework without downloading another targeting pack.
        const string alias = """
              <PropertyGroup Condition="'$(TargetFramework)' == 'net10-second'">
                <TargetFrameworkIdentifier>.NETCoreApp</TargetFrameworkIdentifier>
                <TargetFrameworkVersion>v10.0</TargetFrameworkVersion>
                <TargetFrameworkMoniker>.NETCoreApp,Version=v10.0</TargetFrameworkMoniker>
              </PropertyGroup>
            """;
        _folder.Write("NuGet.Config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="rungates-test-feed" value="{feed.Directory}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{_folder["packages"]}" />
              </config>
            </configuration>
            """);
        _folder.Write("Consumer/Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <Nullable>enable</Nullable>
                <PackageId>Consumer</PackageId>
                <Version>1.2.3</Version>
                {extraProperties}
              </PropertyGroup>
            {alias}
              <ItemGroup>
                <PackageReference Include="RunGates.MSBuild" Version="{feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        _folder.Write("Consumer/Greeter.cs", "namespace Consumer;\n\npublic static class Greeter\n{\n    public static string Hello() => \"hello\";\n}\n");
        _folder.Write("Consumer/rungates.yml", runbook);
    }

    public string Directory => _folder["Consumer"];

    public string this[string relative] => Path.Combine(Directory, relative);

    public string Write(string relative, string content) => _folder.Write(Path.Combine("Consumer", relative), content);

    public DotNetResult Build(params string[] args) => DotNet.Run(Directory, TimeSpan.FromMinutes(5), ["build", "--nologo", .. args]);

    public DotNetResult Pack(params string[] args) => DotNet.Run(Directory, TimeSpan.FromMinutes(5), ["pack", "--nologo", .. args]);

    public DotNetResult Restore(params string[] args) => DotNet.Run(Directory, TimeSpan.FromMinutes(5), ["restore", "--nologo", .. args]);

    /// <summary>Evaluates the restored project (<c>dotnet msbuild -getProperty</c>) without building it.</summary>
    public DotNetResult Evaluate(params string[] args) => DotNet.Run(Directory, TimeSpan.FromMinutes(5), ["msbuild", "-nologo", .. args]);

    public DotNetResult Clean(params string[] args) => DotNet.Run(Directory, TimeSpan.FromMinutes(5), ["clean", "--nologo", .. args]);

    public void Dispose() => _folder.Dispose();
}
