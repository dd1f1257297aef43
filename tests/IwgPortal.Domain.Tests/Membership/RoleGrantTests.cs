using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.Membership;

public class RoleGrantTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private Person NewPerson() => new(1234, "lena", "Lena", null, _clock.GetUtcNow());

    [Fact]
    public void A_grant_is_active_within_its_term_only()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        var grant = person.Grant(Role.WorkingGroupMember, now, now.AddDays(30), grantedById: 1, now);

        grant.IsActiveAt(now.AddSeconds(-1)).ShouldBeFalse();
        grant.IsActiveAt(now).ShouldBeTrue();
        grant.IsActiveAt(now.AddDays(30).AddSeconds(-1)).ShouldBeTrue();
        grant.IsActiveAt(now.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void Roles_at_an_instant_come_from_active_grants()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        person.Grant(Role.BoardMember, now.AddDays(-100), now.AddDays(-1), 1, now);
        person.Grant(Role.Treasurer, now.AddDays(-1), null, 1, now);

        var roles = person.RolesAt(now);

        roles.Has(Role.Treasurer).ShouldBeTrue();
        roles.Has(Role.BoardMember).ShouldBeFalse();
        roles.Has(Role.CommunityMember).ShouldBeTrue();
    }

    [Fact]
    public void An_overlapping_grant_of_the_same_role_is_refused()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        person.Grant(Role.WorkingGroupMember, now, now.AddDays(365), 1, now);

        Should.Throw<DomainException>(() => person.Grant(Role.WorkingGroupMember, now.AddDays(100), null, 1, now))
            .Message.ShouldContain("already holds");
    }

    [Fact]
    public void A_later_term_of_the_same_role_is_allowed()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        person.Grant(Role.WorkingGroupMember, now, now.AddDays(365), 1, now);

        var second = person.Grant(Role.WorkingGroupMember, now.AddDays(365), now.AddDays(730), 1, now);

        second.From.ShouldBe(now.AddDays(365));
        person.RoleGrants.Count.ShouldBe(2);
    }

    [Fact]
    public void Community_membership_is_not_granted()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        Should.Throw<DomainException>(() => person.Grant(Role.CommunityMember, now, null, 1, now));
    }

    [Fact]
    public void A_term_must_end_after_it_starts()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        Should.Throw<DomainException>(() => person.Grant(Role.Chair, now, now, 1, now));
    }

    [Fact]
    public void Ending_a_grant_keeps_it_with_a_shortened_term()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        var grant = person.Grant(Role.Admin, now.AddDays(-10), null, 1, now);

        _clock.Advance(TimeSpan.FromHours(1));
        grant.End(_clock.GetUtcNow(), endedById: 7);

        grant.To.ShouldBe(_clock.GetUtcNow());
        grant.EndedById.ShouldBe(7);
        grant.IsActiveAt(_clock.GetUtcNow()).ShouldBeFalse();
        person.RoleGrants.ShouldContain(grant);
    }

    [Fact]
    public void An_ended_grant_cannot_end_again()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        var grant = person.Grant(Role.Admin, now.AddDays(-10), null, 1, now);
        grant.End(now, 7);

        Should.Throw<DomainException>(() => grant.End(now.AddDays(1), 7));
    }

    [Fact]
    public void Ending_a_future_grant_leaves_an_empty_term()
    {
        var person = NewPerson();
        var now = _clock.GetUtcNow();
        var grant = person.Grant(Role.Treasurer, now.AddDays(10), null, 1, now);

        grant.End(now, 7);

        grant.To.ShouldBe(grant.From);
        grant.IsActiveAt(now.AddDays(11)).ShouldBeFalse();
    }

    [Fact]
    public void The_chair_is_a_working_group_member()
    {
        var roles = new RoleSet([Role.Chair]);

        roles.IsWorkingGroup.ShouldBeTrue();
        roles.MaySeeConfidential.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Role.WorkingGroupMember, true)]
    [InlineData(Role.BoardMember, true)]
    [InlineData(Role.Treasurer, true)]
    [InlineData(Role.Contractor, false)]
    [InlineData(Role.Admin, false)]
    [InlineData(Role.CommunityMember, false)]
    public void Only_wg_board_and_treasurer_see_confidential_data(Role role, bool expected) =>
        new RoleSet([role]).MaySeeConfidential.ShouldBe(expected);

    [Fact]
    public void A_person_keeps_their_id_when_their_login_changes()
    {
        var person = NewPerson();
        person.RefreshProfile("lena-new", null, null);

        person.GitHubId.ShouldBe(1234);
        person.Login.ShouldBe("lena-new");
        person.DisplayName.ShouldBe("lena-new");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a-login-that-is-much-longer-than-github-allows")]
    public void A_login_must_be_present_and_short(string login) =>
        Should.Throw<DomainException>(() => new Person(1, login, null, null, _clock.GetUtcNow()));
}
