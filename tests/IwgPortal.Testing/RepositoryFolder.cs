namespace IwgPortal.Testing;

/// <summary>The checkout the tests run from: the folder holding IwgPortal.sln, above the test's output.</summary>
public static class RepositoryFolder
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IwgPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IwgPortal.sln above {AppContext.BaseDirectory}.");
    }
}
