using System.Collections.Concurrent;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Data;
using Npgsql;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>Configuration section "AccessCache" (ADR 9).</summary>
public sealed class AccessCacheOptions
{
    public const string Section = "AccessCache";

    /// <summary>Off: every authenticated request reads its token and roles from the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Beyond this many tokens or people the cache starts again empty: it must not grow without limit.</summary>
    public int MaxEntries { get; set; } = 20_000;
}

/// <summary>A role grant as far as authorisation needs it: the role and its term.</summary>
public sealed record GrantTerm(Role Role, DateTimeOffset From, DateTimeOffset? To)
{
    public bool IsActiveAt(DateTimeOffset instant) => From <= instant && (To is null || instant < To);

    public static IReadOnlyList<Role> ActiveAt(IEnumerable<GrantTerm> grants, DateTimeOffset instant) =>
        [.. grants.Where(g => g.IsActiveAt(instant)).Select(g => g.Role).Distinct()];
}

/// <summary>
/// What an API token's hash stands for: the token (read without tracking and shared by the requests
/// that use it; only <see cref="ClaimUseRecording"/>'s winner may attach it), its person and their
/// grants, current and coming (ADR 9).
/// </summary>
public sealed class CachedToken(ApiToken token, string login, string displayName, IReadOnlyList<GrantTerm> grants)
{
    private long _lastUsedTicks = token.LastUsedAt?.UtcTicks ?? 0;

    public ApiToken Token { get; } = token;

    public string Login { get; } = login;

    public string DisplayName { get; } = displayName;

    public IReadOnlyList<GrantTerm> Grants { get; } = grants;

    /// <summary>
    /// Whether this request should record the token's use: at most once a minute, and only one of
    /// the requests arriving together wins.
    /// </summary>
    public bool ClaimUseRecording(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return (last == 0 || now.UtcTicks - last > TimeSpan.TicksPerMinute)
            && Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
    }
}

/// <summary>
/// API tokens and people's role grants as last read from the database, so an authenticated request
/// need not read them again (ADR 9). Two things keep it true:
/// <list type="bullet">
/// <item>every committed write on this instance empties it (<see cref="Caching.PublicContent"/>), before the
/// writing request answers;</item>
/// <item>the database notifies every instance (trigger → <c>NOTIFY iwg_access</c>) when a grant, a token's
/// revocation or expiry, or a person changes, and <see cref="AccessChangeListener"/> empties it then.</item>
/// </list>
/// It serves nothing while that listener is not connected: a missed notification cannot leave a
/// revoked token or an ended role working. Terms and expiry are compared with the clock on every
/// request, so a grant that ends by time ends at its instant.
/// </summary>
public sealed class AccessCache(AccessCacheOptions options)
{
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, IReadOnlyList<GrantTerm>> _grants = new();
    private long _generation;
    private volatile bool _listening;

    /// <summary>Taken before reading the database; the <c>Keep</c> methods store only if nothing changed since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether answers are served and kept: enabled and hearing the database's notifications.</summary>
    public bool IsServing => options.Enabled && _listening;

    public CachedToken? Token(string hash) => IsServing && _tokens.TryGetValue(hash, out var token) ? token : null;

    public IReadOnlyList<GrantTerm>? GrantsOf(int personId) => IsServing && _grants.TryGetValue(personId, out var grants) ? grants : null;

    public void Keep(string hash, CachedToken token, long generationBefore) => Keep(_tokens, hash, token, generationBefore);

    public void Keep(int personId, IReadOnlyList<GrantTerm> grants, long generationBefore) => Keep(_grants, personId, grants, generationBefore);

    /// <summary>Something that decides access may have changed: forget everything.</summary>
    public void Clear()
    {
        // The generation moves first: a reader that read before this clear and stores after it is refused.
        Interlocked.Increment(ref _generation);
        _tokens.Clear();
        _grants.Clear();
    }

    internal void Listening(bool listening)
    {
        Clear();
        _listening = listening;
        Clear();
    }

    private void Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> entries, TKey key, TValue value, long generationBefore)
        where TKey : notnull
    {
        if (!IsServing || Generation != generationBefore)
        {
            return;
        }

        if (entries.Count >= options.MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = value;

        // A clear between the check above and the store would have missed this entry: take it back.
        if (Generation != generationBefore)
        {
            entries.TryRemove(new KeyValuePair<TKey, TValue>(key, value));
        }
    }
}

/// <summary>
/// Listens on its own connection for the database's <c>iwg_access</c> notifications and empties the
/// <see cref="AccessCache"/> on each; while disconnected the cache serves nothing, and it reconnects.
/// </summary>
internal sealed class AccessChangeListener(AccessCache cache, AccessCacheOptions options, IConfiguration configuration, ILogger<AccessChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "iwg_access";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        if (!options.Enabled || string.IsNullOrEmpty(connectionString))
        {
            return;
        }

        // Its own unpooled connection, with keepalives so a silently dropped connection is noticed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15, ApplicationName = "iwg-portal access listener" };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => cache.Clear();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Listening(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException or TimeoutException)
            {
                cache.Listening(false);
                logger.LogWarning(ex, "Not hearing the database's access notifications; authenticating from the database until reconnected");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                cache.Listening(false);
            }
        }
    }
}
