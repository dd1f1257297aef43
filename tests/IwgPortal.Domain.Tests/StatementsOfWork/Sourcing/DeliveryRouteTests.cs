using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.StatementsOfWork.Sourcing;

public class DeliveryRouteTests
{
    private const int Wg = 7;
    private const int Volunteer = 21;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private static SourcingStage Stage(DeliveryRoute? route, SowState state = SowState.Sourcing) => new(1, state, route);

    [Fact]
    public void The_route_comes_from_the_latest_published_revision_not_the_draft()
    {
        var sow = new StatementOfWork([1], StatementOfWorkTests.Complete() with { Route = DeliveryRoute.Volunteers }, Wg, _clock.GetUtcNow());
        sow.SourcingStage().Route.ShouldBeNull();
        sow.Publish(Wg, _clock.GetUtcNow());
        sow.Move(SowState.Draft, Wg, "Try a bounty", _clock.GetUtcNow(), []);
        sow.EditDraft(sow.Draft with { Route = DeliveryRoute.Bounty });

        sow.SourcingStage().ShouldBe(new SourcingStage(0, SowState.Draft, DeliveryRoute.Volunteers));
    }

    [Fact]
    public void Volunteers_offer_only_while_sourcing_a_volunteers_route()
    {
        VolunteerOffer.Offer(Stage(DeliveryRoute.Volunteers), Volunteer, "I run Buildbot at work.", _clock.GetUtcNow()).PersonId.ShouldBe(Volunteer);

        Should.Throw<DomainException>(() => VolunteerOffer.Offer(Stage(DeliveryRoute.Bounty), Volunteer, "Me", _clock.GetUtcNow())).Message.ShouldContain("bounty");
        Should.Throw<DomainException>(() => VolunteerOffer.Offer(Stage(DeliveryRoute.Volunteers, SowState.Published), Volunteer, "Me", _clock.GetUtcNow())).Message.ShouldContain("Sourcing");
        Should.Throw<DomainException>(() => VolunteerOffer.Offer(Stage(DeliveryRoute.Volunteers), Volunteer, "  ", _clock.GetUtcNow()));
    }

    [Fact]
    public void Volunteers_are_assigned_while_sourcing_or_in_decision_and_only_once()
    {
        var offer = VolunteerOffer.Offer(Stage(DeliveryRoute.Volunteers), Volunteer, "Me", _clock.GetUtcNow());
        Should.Throw<DomainException>(() => offer.Assign(Stage(DeliveryRoute.Volunteers, SowState.AwaitingBoard), Wg, _clock.GetUtcNow()));

        offer.Assign(Stage(DeliveryRoute.Volunteers, SowState.InDecision), Wg, _clock.GetUtcNow());

        offer.IsAssigned.ShouldBeTrue();
        offer.AssignedById.ShouldBe(Wg);
        Should.Throw<DomainException>(() => offer.Assign(Stage(DeliveryRoute.Volunteers), Wg, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_bounty_has_a_positive_amount_in_a_three_letter_currency()
    {
        var bounty = Bounty.Set(Stage(DeliveryRoute.Bounty, SowState.Published), null, false, 1500m, "eur", Wg, _clock.GetUtcNow());
        bounty.Currency.ShouldBe("EUR");

        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.Bounty), null, false, 0m, "EUR", Wg, _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.Bounty), null, false, 10.001m, "EUR", Wg, _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.Bounty), null, false, 10m, "EURO", Wg, _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.RequestForProposals), null, false, 10m, "EUR", Wg, _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.Bounty, SowState.InDecision), null, false, 10m, "EUR", Wg, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_new_bounty_amount_supersedes_the_old_record_and_is_frozen_once_someone_applied()
    {
        var first = Bounty.Set(Stage(DeliveryRoute.Bounty, SowState.Published), null, false, 1500m, "EUR", Wg, _clock.GetUtcNow());

        var second = Bounty.Set(Stage(DeliveryRoute.Bounty), first, false, 2000m, "EUR", Wg, _clock.GetUtcNow());

        first.Amount.ShouldBe(1500m);
        first.IsCurrent.ShouldBeFalse();
        second.IsCurrent.ShouldBeTrue();
        Should.Throw<DomainException>(() => Bounty.Set(Stage(DeliveryRoute.Bounty), second, true, 2500m, "EUR", Wg, _clock.GetUtcNow())).Message.ShouldContain("applied");
        second.IsCurrent.ShouldBeTrue();
    }

    [Fact]
    public void Applications_need_a_bounty_and_a_sourcing_sow_and_one_applicant_is_selected()
    {
        var bounty = Bounty.Set(Stage(DeliveryRoute.Bounty), null, false, 1500m, "EUR", Wg, _clock.GetUtcNow());
        Should.Throw<DomainException>(() => BountyApplication.Apply(Stage(DeliveryRoute.Bounty), null, Volunteer, "Plan", _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => BountyApplication.Apply(Stage(DeliveryRoute.Bounty, SowState.InDecision), bounty, Volunteer, "Plan", _clock.GetUtcNow()));
        var application = BountyApplication.Apply(Stage(DeliveryRoute.Bounty), bounty, Volunteer, "Two weekends.", _clock.GetUtcNow());

        Should.Throw<DomainException>(() => application.Select(Stage(DeliveryRoute.Bounty), anotherIsSelected: true, Wg, _clock.GetUtcNow()));
        application.Select(Stage(DeliveryRoute.Bounty, SowState.InDecision), anotherIsSelected: false, Wg, _clock.GetUtcNow());

        application.IsSelected.ShouldBeTrue();
        Should.Throw<DomainException>(() => application.Select(Stage(DeliveryRoute.Bounty), false, Wg, _clock.GetUtcNow()));
    }
}
