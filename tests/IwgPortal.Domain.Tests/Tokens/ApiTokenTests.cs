using IwgPortal.Domain.Common;
using IwgPortal.Domain.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.Tokens;

public class ApiTokenTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Only_the_hash_of_the_secret_is_kept()
    {
        var now = _clock.GetUtcNow();
        var (token, secret) = ApiToken.Issue(1, "ci", now.AddDays(30), now);

        secret.ShouldStartWith("iwg_");
        secret.Length.ShouldBe(4 + 43);
        token.Hash.ShouldBe(ApiToken.HashOf(secret));
        token.Hash.ShouldNotContain(secret[4..]);
        token.Hint.ShouldBe(secret[..8]);
    }

    [Fact]
    public void Two_tokens_never_share_a_secret()
    {
        var now = _clock.GetUtcNow();
        var secrets = Enumerable.Range(0, 200).Select(_ => ApiToken.Issue(1, "ci", now.AddDays(1), now).Secret).ToHashSet();
        secrets.Count.ShouldBe(200);
    }

    [Fact]
    public void A_token_is_usable_until_it_expires()
    {
        var now = _clock.GetUtcNow();
        var (token, _) = ApiToken.Issue(1, "ci", now.AddDays(7), now);

        token.IsUsableAt(now.AddDays(7).AddTicks(-1)).ShouldBeTrue();
        token.IsUsableAt(now.AddDays(7)).ShouldBeFalse();
    }

    [Fact]
    public void A_revoked_token_is_not_usable_and_cannot_be_revoked_again()
    {
        var now = _clock.GetUtcNow();
        var (token, _) = ApiToken.Issue(1, "ci", now.AddDays(7), now);

        token.Revoke(now.AddMinutes(1));

        token.IsUsableAt(now.AddMinutes(2)).ShouldBeFalse();
        token.RevokedAt.ShouldBe(now.AddMinutes(1));
        Should.Throw<DomainException>(() => token.Revoke(now.AddMinutes(3)));
    }

    [Fact]
    public void A_token_must_expire_within_a_year_and_in_the_future()
    {
        var now = _clock.GetUtcNow();
        Should.Throw<DomainException>(() => ApiToken.Issue(1, "ci", now, now));
        Should.Throw<DomainException>(() => ApiToken.Issue(1, "ci", now.AddDays(367), now));
        Should.Throw<DomainException>(() => ApiToken.Issue(1, " ", now.AddDays(1), now));
    }
}
