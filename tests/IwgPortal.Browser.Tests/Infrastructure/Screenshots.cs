using IwgPortal.Testing;
using Microsoft.Playwright;

namespace IwgPortal.Browser.Tests.Infrastructure;

/// <summary>Full-page screenshots into tests/results/screenshots/: artefacts to look at, not assertions.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(RepositoryFolder.Root(), "tests", "results", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>The whole page, or with <paramref name="height"/> only its top (sticky bars then stay where they belong).</summary>
    public static async Task<string> SaveAsync(IPage page, string name, int? height = null)
    {
        var path = Path.Combine(Folder.Value, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Clip = height is { } h ? new Clip { X = 0, Y = 0, Width = page.ViewportSize?.Width ?? 1280, Height = h } : null,
        });
        return path;
    }
}
