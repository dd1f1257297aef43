using System.Data.Common;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IwgPortal.Web.Hosting.Caching;

/// <summary>Configuration section "OutputCache": caching of what anonymous visitors read.</summary>
public sealed class PublicCacheOptions
{
    public const string Section = "OutputCache";

    /// <summary>Off: every request is answered from the database (e.g. to measure the uncached path).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest an anonymous answer is reused. Writes on this instance evict at once; this bounds
    /// how stale another instance's copy can be (each instance has its own cache, docs/operations.md).
    /// </summary>
    public int Seconds { get; set; } = 10;
}

/// <summary>
/// Public content changed (anything was written to the database). Evicts the anonymous output cache
/// and moves <see cref="Generation"/> on, which the smaller caches (per-state counts) compare with.
/// One coarse tag: the home page and the lists show activity from every kind of record, and writes
/// are rare next to reads, so precision would save little and risk a stale page.
/// </summary>
public sealed class PublicContent(IOutputCacheStore store, AccessCache access)
{
    public const string Tag = "public";

    private long _generation;

    /// <summary>Moves on with every write; a value read before a query and still current after it means no write came between.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ValueTask ChangedAsync()
    {
        Interlocked.Increment(ref _generation);

        // Any write may have ended a role or revoked a token; this instance forgets at once, others when notified.
        access.Clear();
        return store.EvictByTagAsync(Tag, CancellationToken.None);
    }

    public void Changed()
    {
        var eviction = ChangedAsync();
        if (!eviction.IsCompleted)
        {
            eviction.AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>
/// The output-cache policy of the whole portal: only GET/HEAD of public pages and public API reads,
/// only for anonymous requests (no sign-in cookie, no Authorization header, no authenticated user),
/// only 200 answers that set no cookie. A signed-in person's answer is never stored nor served from
/// the cache, so personal and working-group-only content cannot reach anyone else.
/// </summary>
internal sealed class AnonymousReadsPolicy(PublicCacheOptions options) : IOutputCachePolicy
{
    private const string GenerationKey = "iwg.cache.generation";

    private static readonly string[] PublicPrefixes =
        ["/proposals", "/services", "/group", "/people", "/audit", "/api/proposals", "/api/services", "/api/people", "/api/sows", "/api/audit"];

    private static readonly string[] Excluded = ["/proposals/new"];

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var attempt = options.Enabled && IsAnonymousPublicRead(http);
        context.EnableOutputCaching = attempt;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = attempt;
        if (attempt)
        {
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Seconds);
            context.Tags.Add(PublicContent.Tag);
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
            http.Items[GenerationKey] = http.RequestServices.GetRequiredService<PublicContent>().Generation;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var response = http.Response;

        // A write committed while this answer was computed: it may show the state before, so it is not kept.
        var unchanged = http.Items[GenerationKey] is long generation && generation == http.RequestServices.GetRequiredService<PublicContent>().Generation;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || http.User.Identity?.IsAuthenticated == true
            || !unchanged)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    internal static bool IsAnonymousPublicRead(HttpContext http)
    {
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Headers.Authorization.Count > 0
            || request.Cookies.ContainsKey(AuthSetup.CookieName)
            || http.User.Identity?.IsAuthenticated == true)
        {
            return false;
        }

        var path = request.Path;
        if (path == "/")
        {
            return true;
        }

        foreach (var excluded in Excluded)
        {
            if (path.StartsWithSegments(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var prefix in PublicPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return IsPublishedSowText(path.Value);
    }

    /// <summary>
    /// A published revision of a statement of work or the comparison of two (<c>/sows/{id}/revisions/{n}</c>,
    /// <c>/sows/{id}/compare</c>): revisions never change, so these pages are the same for every visitor until
    /// the next write. The other SOW pages are not cached: the RFP page changes by itself at its deadline.
    /// </summary>
    internal static bool IsPublishedSowText(string? path)
    {
        var parts = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["sows", var id, "compare"] && IsNumber(id)
            || parts is ["sows", var sow, "revisions", var number] && IsNumber(sow) && IsNumber(number);

        static bool IsNumber(string text) => text.Length is > 0 and < 10 && text.All(char.IsAsciiDigit);
    }
}

/// <summary>
/// Sees every statement EF Core sends (SaveChanges, ExecuteUpdate/Delete, ExecuteSql): after one that
/// is not a SELECT, public content has changed once it is committed — at once outside a
/// transaction, at the commit inside one (evicting earlier would let a reader cache the old rows again).
/// </summary>
internal sealed class ContentChangeInterceptor(PublicContent content) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Written(command, eventData.Context);
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await WrittenAsync(command, eventData.Context);
        return result;
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Written(command, eventData.Context);
        return result;
    }

    public async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await WrittenAsync(command, eventData.Context);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is PortalDbContext { HasUncommittedWrites: true } db)
        {
            db.HasUncommittedWrites = false;
            content.Changed();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext { HasUncommittedWrites: true } db)
        {
            db.HasUncommittedWrites = false;
            await content.ChangedAsync();
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(DbContext? context)
    {
        if (context is PortalDbContext db)
        {
            db.HasUncommittedWrites = false;
        }
    }

    private void Written(DbCommand command, DbContext? context)
    {
        if (IsWrite(command) && !Deferred(command, context))
        {
            content.Changed();
        }
    }

    private async ValueTask WrittenAsync(DbCommand command, DbContext? context)
    {
        if (IsWrite(command) && !Deferred(command, context))
        {
            await content.ChangedAsync();
        }
    }

    private static bool Deferred(DbCommand command, DbContext? context)
    {
        if (command.Transaction is null || context is not PortalDbContext db)
        {
            return false;
        }

        db.HasUncommittedWrites = true;
        return true;
    }

    private static bool IsWrite(DbCommand command) => ChangesPublicContent(command.CommandText);

    /// <summary>
    /// EF Core's queries start with SELECT (after any tag comments); anything else may write. Two
    /// single-statement writes are known not to change anything shown: the once-a-minute "last used"
    /// of an API token (every token user would otherwise empty the cache) and a new data-protection key.
    /// </summary>
    internal static bool ChangesPublicContent(string commandText)
    {
        var text = commandText.AsSpan().TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n');
            text = end < 0 ? [] : text[(end + 1)..].TrimStart();
        }

        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var single = text.TrimEnd().TrimEnd(';').IndexOf(';') < 0;
        return !(single && (IsLastUseOnly(text) || StartsWithWords(text, "INSERT", "INTO", "data_protection_keys")));
    }

    // Only the last use: a revocation or a new expiry also decides access (AccessCache) and must evict.
    private static bool IsLastUseOnly(ReadOnlySpan<char> text)
    {
        if (!StartsWithWords(text, "UPDATE", "api_tokens", "SET", "last_used_at"))
        {
            return false;
        }

        var where = text.IndexOf("WHERE", StringComparison.OrdinalIgnoreCase);
        return where > 0 && text[..where].IndexOf(',') < 0;
    }

    private static bool StartsWithWords(ReadOnlySpan<char> text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            text = text.TrimStart().TrimStart('"');
            if (!text.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            text = text[word.Length..].TrimStart('"');
            if (text.Length > 0 && !char.IsWhiteSpace(text[0]) && text[0] != '(')
            {
                return false;
            }
        }

        return true;
    }
}
