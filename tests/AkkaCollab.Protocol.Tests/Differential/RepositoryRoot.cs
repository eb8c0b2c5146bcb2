namespace AkkaCollab.Protocol.Tests.Differential;

/// <summary>Finds the repository root: the nearest directory above the test binaries holding AkkaCollab.sln.</summary>
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
        throw new InvalidOperationException($"no AkkaCollab.sln in {AppContext.BaseDirectory} or any directory above it");
    }
}
