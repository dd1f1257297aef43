using IwgPortal.Testing;
using Microsoft.Playwright;

namespace IwgPortal.Browser.Tests.Infrastructure;

/// <summary>
/// One test class's world: the real portal on a loopback port (its own fresh database), a fake
/// github.com it signs in with, and one headless Chromium (the machine's, never a downloaded one).
/// Each test opens its own browser context from <see cref="Browser"/>.
/// </summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public FakeGitHub GitHub { get; private set; } = null!;

    public PortalFactory Portal { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// The portal's clock: the real time plus an offset a test moves forward (e.g. past an RFP's
    /// deadline). Each test class has its own portal, so moving it touches no other class.
    /// </summary>
    public MovableClock Clock { get; } = new();

    /// <summary>The portal's base address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri RootUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The machine is small and shared; the default of five seconds is tight for a full sign-in round trip.
        Assertions.SetDefaultExpectTimeout(15_000);

        GitHub = await FakeGitHub.StartAsync();
        Portal = PortalFactory.Create(GitHub.PortalSettings, kestrel: true, clock: Clock);
        RootUri = await Task.Run(() => Portal.RootUri);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (GitHub is not null)
        {
            await GitHub.DisposeAsync();
        }
    }

    /// <summary>A fresh, cookie-less browser context whose relative URLs resolve against the portal.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = RootUri.ToString(),
        Locale = "en-GB",
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    /// <summary>An HTTP client for the portal as a script would use it: no cookies, no browser.</summary>
    public HttpClient CreateScriptClient() => new() { BaseAddress = RootUri };
}

/// <summary>The system clock shifted by an offset that only grows; time keeps flowing for cookies and timers.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
