using System.Security.Cryptography;
using System.Text;
using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.Tokens;

/// <summary>
/// A personal API token. Only its SHA-256 hash is stored; the secret is shown once at creation.
/// Revoking keeps the row, so the history of a token stays visible to its owner.
/// </summary>
public sealed class ApiToken : IAudited
{
    public const string SecretPrefix = "iwg_";
    public const int MaxNameLength = 100;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    public static string AuditKind => "api-token";

    public static bool AuditIsPublic => false;

    private ApiToken()
    {
        Name = string.Empty;
        Hash = string.Empty;
        Hint = string.Empty;
    }

    private ApiToken(int personId, string name, string hash, string hint, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        PersonId = personId;
        Name = name;
        Hash = hash;
        Hint = hint;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public int Id { get; private set; }

    [Public]
    public int PersonId { get; private set; }

    [Public]
    public string Name { get; private set; }

    /// <summary>Hex SHA-256 of the secret; never the secret itself.</summary>
    public string Hash { get; private set; }

    /// <summary>The first characters of the secret, so its owner can tell tokens apart.</summary>
    public string Hint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    [Public]
    public DateTimeOffset ExpiresAt { get; private set; }

    [Public]
    public DateTimeOffset? RevokedAt { get; private set; }

    [NotAudited]
    public DateTimeOffset? LastUsedAt { get; private set; }

    public static (ApiToken Token, string Secret) Issue(int personId, string name, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var cleanName = Guard.Text(name, "Name", MaxNameLength);
        if (expiresAt <= now)
        {
            throw new DomainException("A token must expire in the future.");
        }

        if (expiresAt - now > MaxLifetime)
        {
            throw new DomainException("A token can live at most 366 days.");
        }

        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken(personId, cleanName, HashOf(secret), secret[..(SecretPrefix.Length + 4)], now, expiresAt), secret);
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsableAt(DateTimeOffset instant) => RevokedAt is null && instant < ExpiresAt;

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new DomainException("This token is already revoked.");
        }

        RevokedAt = now;
    }

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
