using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Integration;

/// <summary>Every integration test shares one packed RunGates.MSBuild; packing takes longer than most builds.</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "RunGates.MSBuild package feed";
}
