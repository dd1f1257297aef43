using System.Diagnostics;
using System.Text.Json;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// How MSBuild evaluates the repository's build settings for the portal: a plain `dotnet run`
/// (no configuration given) skips the analyzers, a Release build (tests/run.sh, CI) runs them (ADR 10);
/// the compiler gets no source generator for a feature the code does not use, and no profile-guided
/// tiering (ADR 13).
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

    [Fact]
    public async Task The_compiler_runs_without_profile_guided_tiering_and_the_portal_with_it()
    {
        // A compile is a short process of its own where no compiler server runs (ADR 13); the
        // portal is a long-running server, where profile-guided tiering is worth its cost.
        (await PortalProperty("CscEnvironment")).Split(';').ShouldContain("DOTNET_TieredPGO=0");
        (await PortalProperty("CscEnvironment", "-p:Configuration=Release")).Split(';').ShouldContain("DOTNET_TieredPGO=0");
        (await PortalProperty("TieredPGO")).ShouldBe("");
    }

    private static readonly string[] UnusedGenerators =
    [
        "Microsoft.Extensions.Validation.ValidationsGenerator",
        "Microsoft.Interop.ComInterfaceGenerator",
        "Microsoft.Interop.JavaScript.JSImportGenerator",
        "Microsoft.Interop.LibraryImportGenerator",
    ];

    [Fact]
    public async Task The_compiler_gets_the_generators_the_portal_uses_and_not_the_others()
    {
        using var json = await MsBuild("-t:ResolveTargetingPackAssets;ResolvePackageAssets;DropUnusedSourceGenerators", "-getItem:Analyzer");
        var analyzers = json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(a => a.GetProperty("Filename").GetString()!).ToList();

        analyzers.ShouldNotContain(a => UnusedGenerators.Contains(a));
        analyzers.ShouldContain("System.Text.RegularExpressions.Generator");
        analyzers.ShouldContain("Microsoft.Extensions.Logging.Generators");
        analyzers.ShouldContain("Microsoft.AspNetCore.App.SourceGenerators");
    }

    [Fact]
    public void No_code_uses_a_feature_whose_generator_the_build_leaves_out()
    {
        // Without its generator AddValidation would validate nothing, silently; LibraryImport and the
        // others would not compile. Whoever needs one takes it out of Directory.Build.targets.
        string[] uses = ["AddValidation(", "[ValidatableType", "[LibraryImport", "[JSImport", "[JSExport", "[GeneratedComInterface", "[GeneratedComClass"];
        var offenders = Directory.EnumerateFiles(RepositoryFolder.Root(), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && path != Path.Combine(RepositoryFolder.Root(), "tests", "IwgPortal.Web.Tests", "Hosting", "BuildSettingsTests.cs"))
            .SelectMany(path => uses.Where(File.ReadAllText(path).Contains).Select(use => $"{Path.GetRelativePath(RepositoryFolder.Root(), path)}: {use}"))
            .ToList();

        offenders.ShouldBeEmpty("Directory.Build.targets drops the generator these need");
    }

    private static async Task<string> PortalProperty(string name, params string[] arguments)
    {
        using var json = await MsBuild([$"-getProperty:{name}", "-getProperty:Configuration", .. arguments]);
        return json.RootElement.GetProperty("Properties").GetProperty(name).GetString()!;
    }

    private static async Task<JsonDocument> MsBuild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolder.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "msbuild", Path.Combine("src", "IwgPortal.Web", "IwgPortal.Web.csproj") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors + await output);
        return JsonDocument.Parse(await output);
    }
}
