using FluentValidation;
using IwgPortal.Web.Data;
using IwgPortal.Web.Features.Account;
using IwgPortal.Web.Features.Audit;
using IwgPortal.Web.Features.Markdown;
using IwgPortal.Web.Features.Membership;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Caching;
using IwgPortal.Web.Hosting.Errors;
using IwgPortal.Web.Hosting.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

namespace IwgPortal.Web.Hosting;

/// <summary>How the portal is composed: services in <see cref="AddPortal"/>, the pipeline in <see cref="UsePortal"/>.</summary>
public static class PortalHost
{
    /// <summary>
    /// Uses ConnectionStrings:Portal when set; otherwise starts the embedded PostgreSQL and points
    /// the configuration at it. Returns the embedded server, if one was started.
    /// </summary>
    public static EmbeddedPostgres? EnsureDatabase(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Portal")))
        {
            return null;
        }

        // Embedded:SearchPath (folders separated by ':') replaces PATH and /usr/lib/postgresql/*/bin.
        var searchPath = builder.Configuration["Embedded:SearchPath"]?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            ?? EmbeddedPostgres.DefaultSearchPath();
        var bin = EmbeddedPostgres.FindBinaries(searchPath);
        var dataDirectory = builder.Configuration["Embedded:DataDirectory"]
            ?? EmbeddedPostgres.DefaultDataDirectory(EmbeddedPostgres.MajorVersion(bin));
        var server = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = dataDirectory, SearchPath = [bin] }, Console.WriteLine);
        builder.Configuration["ConnectionStrings:Portal"] = server.CreateDatabase("iwg_portal");
        return server;
    }

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, bool embeddedDatabase)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;

        // No "Server: Kestrel" on every answer: it tells a scanner what to try, and the client nothing.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Sinks registered as services (ILogEventSink) receive the log too: tests read the real log that way.
        services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider).Enrich.FromLogContext();
            if (environment.IsProduction())
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(DemoMode.From(configuration, environment, embeddedDatabase));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton(configuration.GetSection(ProposalOptions.Section).Get<ProposalOptions>() ?? new ProposalOptions());
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();

        // Anonymous reads are served from the output cache; every committed write evicts it (Hosting/Caching).
        var cacheOptions = configuration.GetSection(PublicCacheOptions.Section).Get<PublicCacheOptions>() ?? new PublicCacheOptions();
        services.AddSingleton(cacheOptions);
        services.AddSingleton<PublicContent>();
        services.AddSingleton<ContentChangeInterceptor>();
        services.AddSingleton<PublicDataCache>();

        // Published SOW texts never change: kept parsed, sent by the database only when another one is read (ADR 12).
        services.AddSingleton(configuration.GetSection(RevisionTextOptions.Section).Get<RevisionTextOptions>() ?? new RevisionTextOptions());
        services.AddSingleton<RevisionTexts>();
        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(new AnonymousReadsPolicy(cacheOptions));
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(cacheOptions.Seconds);

            // Bounded: a visitor paging through 4,000 list pages must not grow the process without limit.
            o.SizeLimit = 32 * 1024 * 1024;
            o.MaximumBodySize = 4 * 1024 * 1024;
        });

        // Compressed: anonymous public reads only (see UsePortal), which carry no secret for BREACH to guess.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        // Pooled: see PortalDbContext.Rent. The request scope disposes its context, which returns it to the pool.
        // EF Core's check that a context is not used by two operations at once writes an AsyncLocal on
        // every row a query reads (a copy of the execution context each time: a sixth of what the
        // 797-comment page allocated). It stays on in Development, where the tests run, to catch such
        // misuse; outside it the portal reads without it (ADR 14).
        services.AddPooledDbContextFactory<PortalDbContext>((provider, o) => o
            .UseNpgsql(PortalConnection.Tune(configuration.GetConnectionString("Portal")), npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .EnableThreadSafetyChecks(environment.IsDevelopment())
            .AddInterceptors(provider.GetRequiredService<ContentChangeInterceptor>()));
        services.AddScoped(PortalDbContext.Rent);
        services.AddDataProtection().SetApplicationName("iwg-portal").PersistKeysToDbContext<PortalDbContext>();

        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<PortalDbContext>(ServiceLifetime.Singleton);

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddPortalAuth(configuration, environment);
        services.AddPortalRateLimits(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "iwg.af";
            o.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = ApiAntiforgery.HeaderName;
        });
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Account", Policies.SignedIn);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/Demo");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Npgsql")
            .AddPortalMetricViews()
            .AddPrometheusExporter());
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a load balancer (deploy/k8s) the proxy is the one who knows the client.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not the static one: several hosts in one process (tests) keep their request logs apart.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics") ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ProblemMapping.StatusFor,

            // A 4xx from bad input is an answer, not an incident: only server errors are logged as such.
            SuppressDiagnosticsCallback = context => ProblemMapping.StatusFor(context.Exception) < 500,
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        var gitHub = app.Services.GetRequiredService<GitHubOptions>();
        app.UseSecurityHeaders(gitHub.IsConfigured ? new Uri(gitHub.AuthorizationEndpoint).GetLeftPart(UriPartial.Authority) : null);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRefusedBearerTokens();
        // Only writes and sign-ins are limited: reads skip the limiter's partition lookups and leases.
        app.UseWhen(RateLimits.AppliesTo, limited => limited.UseRateLimiter());
        app.UseAuthorization();

        // After authentication: the policy looks at the user, and serves and stores anonymous reads only.
        app.UseOutputCache();

        // Inside the cache, so a page is compressed once and the compressed copy is served (the cache varies by Accept-Encoding).
        // Only anonymous public reads: they hold no antiforgery token or other secret, so BREACH has nothing to recover;
        // signed-in pages (which carry the csrf-token) are never compressed.
        app.UseWhen(AnonymousReadsPolicy.IsAnonymousPublicRead, anonymous => anonymous.UseResponseCompression());
        app.UseApiAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        // Everything served locally: no hosted AI agent, no cloud client button, no developer-tools upsell.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("IWG Portal API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableAgent().HideClientButton().HideDeveloperTools());

        app.MapAccountApi();
        app.MapMembershipApi();
        app.MapServicesApi();
        app.MapMarkdownApi();
        app.MapAuditApi();
        app.MapProposalsApi();
        app.MapProposalFeeds();
        app.MapSowsApi();
        app.MapSourcingApi();
        app.MapRazorPages();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { Count: > 0 })
            {
                Console.WriteLine($"IWG Portal is running at {string.Join(", ", addresses)}" +
                    (app.Services.GetRequiredService<DemoMode>().IsEnabled ? " — demo sign-in at /account/demo" : string.Empty));
            }
        });
        return app;
    }
}
