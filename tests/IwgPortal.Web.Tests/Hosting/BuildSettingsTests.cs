using System.Diagnostics;
using System.Text.Json;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// How MSBuild evaluates the repository's build settings for the portal: a plain `dotnet run`
/// (no configuration given) skips the analyzers, a Release build (tests/run.sh, CI) runs them (ADR 10).
/// </summary>
public class BuildSettingsTests
{
    [Fact]
    public async Task A_plain_dotnet_run_skips_the_analyzers_and_a_release_build_runs_them()
    {
        // Directory.Build.props is read before the SDK defaults Configuration to Debug; a condition
        // on "Debug" there never held for `dotnet run`, and its first start paid 8 s of analyzers.
        (await PortalProperty("RunAnalyzersDuringBuild")).ShouldBe("false");
        (await PortalProperty("RunAnalyzersDuringBuild", "-p:Configuration=Release")).ShouldBe("");
        (await PortalProperty("TreatWarningsAsErrors", "-p:Configuration=Release")).ShouldBe("true");
    }

    private static async Task<string> PortalProperty(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolder.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "msbuild", Path.Combine("src", "IwgPortal.Web", "IwgPortal.Web.csproj"), $"-getProperty:{name}", "-getProperty:Configuration" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors + await output);
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("Properties").GetProperty(name).GetString()!;
    }
}
