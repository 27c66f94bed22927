namespace RunGates.Tests;

/// <summary>The checkout's root: the folder holding RunGates.sln, found upward from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "RunGates.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RunGates.sln not found above " + AppContext.BaseDirectory);
    }
}
