namespace AkkaCollab.Tests.Shared;

/// <summary>
/// Finds the repository root: the nearest directory above the running binaries holding
/// AkkaCollab.sln. Linked into every test and benchmark project that reads repository files.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AkkaCollab.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no AkkaCollab.sln in {AppContext.BaseDirectory} or any directory above it");
    }
}
