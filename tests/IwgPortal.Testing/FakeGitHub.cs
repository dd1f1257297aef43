using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IwgPortal.Testing;

public sealed record FakeGitHubUser(long Id, string Login, string? Name);

/// <summary>
/// A fake github.com on a loopback port: the OAuth authorize/token endpoints and the REST API's
/// /user, answering as GitHub does. The authorize step approves at once as <see cref="SignedInUser"/>.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string ClientId = "fake-client-id";
    public const string ClientSecret = "fake-client-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeGitHubUser> _codes = new();
    private readonly ConcurrentDictionary<string, FakeGitHubUser> _tokens = new();

    private FakeGitHub(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Who "is signed in at GitHub" when the portal sends someone to authorize.</summary>
    public FakeGitHubUser SignedInUser { get; set; } = new(4242, "octo-cat", "Octo Cat");

    public Uri BaseUri { get; private set; } = null!;

    public int TokenRequests { get; private set; }

    /// <summary>The portal settings that point its GitHub sign-in at this server.</summary>
    public IDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        ["GitHub:ClientId"] = ClientId,
        ["GitHub:ClientSecret"] = ClientSecret,
        ["GitHub:AuthorizationEndpoint"] = new Uri(BaseUri, "/login/oauth/authorize").ToString(),
        ["GitHub:TokenEndpoint"] = new Uri(BaseUri, "/login/oauth/access_token").ToString(),
        ["GitHub:UserInformationEndpoint"] = new Uri(BaseUri, "/user").ToString(),
    };

    public static async Task<FakeGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGitHub(app);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/login/oauth/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || string.IsNullOrEmpty(query["redirect_uri"]))
            {
                return Results.BadRequest("unknown client");
            }

            var code = Guid.NewGuid().ToString("N");
            _codes[code] = SignedInUser;
            var redirect = $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}";
            return Results.Redirect(redirect);
        });

        app.MapPost("/login/oauth/access_token", async (HttpRequest request) =>
        {
            TokenRequests++;
            var form = await request.ReadFormAsync();
            var (id, secret) = ClientCredentials(request, form);
            if (id != ClientId || secret != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var user))
            {
                return Results.Json(new { error = "bad_verification_code" });
            }

            var token = "gho_" + Guid.NewGuid().ToString("N");
            _tokens[token] = user;
            return Results.Json(new { access_token = token, token_type = "bearer", scope = "" });
        });

        app.MapGet("/user", (HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.StartsWith("token ", StringComparison.OrdinalIgnoreCase)
                ? header[(header.IndexOf(' ', StringComparison.Ordinal) + 1)..]
                : string.Empty;
            if (!_tokens.TryGetValue(token, out var user))
            {
                return Results.Json(new { message = "Bad credentials" }, statusCode: 401);
            }

            return Results.Json(new { id = user.Id, login = user.Login, name = user.Name, avatar_url = $"https://avatars.example.test/u/{user.Id}" });
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            var parts = decoded.Split(':', 2);
            return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }
}
