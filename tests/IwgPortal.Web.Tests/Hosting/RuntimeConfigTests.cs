using System.Text.Json;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// The runtime settings the portal starts with, from the runtimeconfig.json its build writes
/// (the file `dotnet run`, the image and the benchmark start it from).
/// </summary>
public class RuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "IwgPortal.Web.runtimeconfig.json");
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_portal_runs_with_server_gc_and_a_gen0_budget_capped_at_32_mb()
    {
        var properties = ConfigProperties();

        properties.GetProperty("System.GC.Server").GetBoolean().ShouldBeTrue();
        // Without the cap the server GC's gen0 budget grew under concurrent long pages and the
        // portal's peak resident memory went past its 400 MB target (docs/performance.md).
        properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64().ShouldBe(32L * 1024 * 1024);
    }
}
