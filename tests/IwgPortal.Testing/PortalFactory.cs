using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Testing;

/// <summary>
/// The real portal on its own fresh PostgreSQL database. Settings change the configuration as an
/// operator would (environment variables), never the code under test.
/// </summary>
public partial class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly bool _kestrel;
    private string? _connectionString;

    public PortalFactory()
        : this(new Dictionary<string, string?>(), "Development", kestrel: false, connectionString: null, clock: null)
    {
    }

    private PortalFactory(IDictionary<string, string?> settings, string environment, bool kestrel, string? connectionString, TimeProvider? clock)
    {
        Clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["RateLimits:WritesPerMinute"] = "100000",
            ["RateLimits:SignInsPerMinute"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        _environment = environment;
        _kestrel = kestrel;
        _connectionString = connectionString;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>A portal configured like an operator would: settings, environment, a real port, a shared database, a clock.</summary>
    public static PortalFactory Create(IDictionary<string, string?>? settings = null, string environment = "Development", bool kestrel = false, string? connectionString = null, TimeProvider? clock = null) =>
        new(settings ?? new Dictionary<string, string?>(), environment, kestrel, connectionString, clock);

    /// <summary>Everything the portal logged, at the level its configuration lets through.</summary>
    public LogCapture Log { get; } = new();

    /// <summary>Replaces the portal's clock (a process boundary), e.g. to let tokens expire.</summary>
    public TimeProvider? Clock { get; }

    public string ConnectionString => _connectionString ??= TestPostgres.CreateDatabase();

    /// <summary>With kestrel: true, the loopback address a real browser can open.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(Clock));
        }

        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Log));
    }

    /// <summary>
    /// A client that keeps cookies and shows redirects instead of following them, over https as a
    /// production browser would be (secure-only cookies are then sent back).
    /// </summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public Task WithDbAsync(Func<PortalDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Creates a person holding the given roles from now on, as if they had signed in with GitHub.</summary>
    public Task<int> CreatePersonAsync(string login, params Role[] roles) => WithDbAsync(async db =>
    {
        var now = (Clock ?? TimeProvider.System).GetUtcNow();
        var person = new Person(Random.Shared.NextInt64(1, 1_000_000_000), login, login, null, now);
        db.People.Add(person);
        await db.SaveChangesAsync();
        foreach (var role in roles)
        {
            person.Grant(role, now.AddMinutes(-1), null, null, now);
        }

        await db.SaveChangesAsync();
        return person.Id;
    });

    /// <summary>An API client authenticated with a fresh personal token of a new person with these roles.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string login, params Role[] roles)
    {
        var personId = await CreatePersonAsync(login, roles);
        var secret = await IssueTokenAsync(personId, TimeSpan.FromDays(30));
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public Task<string> IssueTokenAsync(int personId, TimeSpan lifetime) => WithDbAsync(async db =>
    {
        var now = (Clock ?? TimeProvider.System).GetUtcNow();
        var (token, secret) = ApiToken.Issue(personId, "test", now + lifetime, now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return secret;
    });

    /// <summary>Signs a cookie client in through the demo page, as a person would.</summary>
    public static async Task SignInAsDemoAsync(HttpClient client, string login)
    {
        var page = await client.GetStringAsync(new Uri("/account/demo", UriKind.Relative));
        var personId = Regex.Match(page, $"""value="(\d+)" class="choice">\s*<span class="name">[^<]*</span>\s*<span class="muted">@{Regex.Escape(login)}</span>""").Groups[1].Value;
        if (personId.Length == 0)
        {
            throw new InvalidOperationException($"No demo person {login} on the demo page.");
        }

        using var response = await client.PostAsync(new Uri("/account/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = personId,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Demo sign-in answered {(int)response.StatusCode}.");
        }
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryPattern().Match(html) is { Success: true } m ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)"|<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex AntiforgeryPattern();
}
