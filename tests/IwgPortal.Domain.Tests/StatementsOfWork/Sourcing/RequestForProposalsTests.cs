using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.StatementsOfWork.Sourcing;

public class RequestForProposalsTests
{
    private const int Wg = 7;
    private const int Acme = 31;
    private const int Globex = 32;
    private static readonly RoleSet WgRoles = new([Role.WorkingGroupMember]);
    private static readonly RoleSet BoardRoles = new([Role.BoardMember]);
    private static readonly RoleSet TreasurerRoles = new([Role.Treasurer]);
    private static readonly RoleSet ContractorRoles = new([Role.Contractor]);
    private static readonly SourcingStage Sourcing = new(1, SowState.Sourcing, DeliveryRoute.RequestForProposals);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private DateTimeOffset Deadline => new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static OfferTerms Terms(decimal price = 12_000m) => new("Acme Builds Ltd", price, "eur", "Six weeks from signature.", "Staged Buildbot.", "https://example.org/plan.pdf");

    private RequestForProposals Open() =>
        RequestForProposals.Open(Sourcing, false, Deadline, [("Price", 40), ("Approach", 40), ("Experience", 20)], Wg, Now);

    private void PassDeadline() => _clock.SetUtcNow(Deadline.AddMinutes(1));

    [Fact]
    public void An_rfp_needs_the_rfp_route_a_published_sow_a_future_deadline_and_positive_weights()
    {
        var rfp = Open();
        rfp.Criteria.Select(c => c.Key).ShouldBe(["k1", "k2", "k3"]);

        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing with { Route = DeliveryRoute.Bounty }, false, Deadline, [("Price", 1)], Wg, Now));
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing with { State = SowState.Draft }, false, Deadline, [("Price", 1)], Wg, Now));
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing, true, Deadline, [("Price", 1)], Wg, Now)).Message.ShouldContain("already");
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing, false, Now, [("Price", 1)], Wg, Now)).Message.ShouldContain("future");
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing, false, Deadline, [], Wg, Now));
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing, false, Deadline, [("Price", 0)], Wg, Now)).Message.ShouldContain("weight");
        Should.Throw<DomainException>(() => RequestForProposals.Open(Sourcing, false, Deadline, [("Price", 1), ("price", 2)], Wg, Now));
        RequestForProposals.Open(Sourcing with { State = SowState.Published }, false, Deadline, [("Price", 1)], Wg, Now).Deadline.ShouldBe(Deadline);
    }

    [Fact]
    public void Offers_are_sealed_before_the_deadline_even_from_the_working_group_and_the_board()
    {
        var rfp = Open();

        rfp.IsSealedAt(Now).ShouldBeTrue();
        rfp.AccessFor(WgRoles, false, Now).ShouldBe(OfferAccess.OwnOnly);
        rfp.AccessFor(BoardRoles, false, Now).ShouldBe(OfferAccess.OwnOnly);
        rfp.AccessFor(ContractorRoles, false, Now).ShouldBe(OfferAccess.OwnOnly);
        rfp.AccessFor(WgRoles, false, Deadline).ShouldBe(OfferAccess.All);
        rfp.AccessFor(BoardRoles, false, Deadline).ShouldBe(OfferAccess.All);
        rfp.AccessFor(TreasurerRoles, false, Deadline).ShouldBe(OfferAccess.All);
        rfp.AccessFor(ContractorRoles, false, Deadline).ShouldBe(OfferAccess.OwnOnly);
        rfp.AccessFor(WgRoles, true, Deadline).ShouldBe(OfferAccess.Conflicted);
    }

    [Fact]
    public void Offers_are_taken_only_while_sourcing_and_before_the_deadline()
    {
        var rfp = Open();
        Should.Throw<DomainException>(() => rfp.Submit(Sourcing with { State = SowState.Published }, null, Acme, Terms(), Now)).Message.ShouldContain("Sourcing");
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);
        offer.Currency.ShouldBe("EUR");

        PassDeadline();

        Should.Throw<DomainException>(() => rfp.Submit(Sourcing, null, Globex, Terms(), Now)).Message.ShouldContain("deadline");
        Should.Throw<DomainException>(() => rfp.Revise(Sourcing, offer, Acme, Terms(1m), Now));
        Should.Throw<DomainException>(() => rfp.Withdraw(Sourcing, offer, Acme, Now));
        offer.IsWithdrawn.ShouldBeFalse();
    }

    [Fact]
    public void Bad_terms_are_refused()
    {
        var rfp = Open();
        Should.Throw<DomainException>(() => rfp.Submit(Sourcing, null, Acme, Terms(0m), Now));
        Should.Throw<DomainException>(() => rfp.Submit(Sourcing, null, Acme, Terms() with { Currency = "E1R" }, Now));
        Should.Throw<DomainException>(() => rfp.Submit(Sourcing, null, Acme, Terms() with { Approach = " " }, Now));
    }

    [Fact]
    public void A_revision_is_a_new_offer_linked_to_the_one_it_supersedes()
    {
        var rfp = Open();
        var first = rfp.Submit(Sourcing, null, Acme, Terms(12_000m), Now);

        var second = rfp.Revise(Sourcing, first, Acme, Terms(11_000m), Now);

        first.Price.ShouldBe(12_000m);
        first.IsCurrent.ShouldBeFalse();
        first.SupersededAt.ShouldBe(Now);
        second.Price.ShouldBe(11_000m);
        second.SupersedesId.ShouldBe(first.Id);
        second.IsCurrent.ShouldBeTrue();
        Should.Throw<DomainException>(() => rfp.Revise(Sourcing, first, Acme, Terms(10_000m), Now)).Message.ShouldContain("revised");
    }

    [Fact]
    public void Only_the_submitting_contractor_revises_or_withdraws_and_a_second_offer_is_a_revision()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);

        Should.Throw<DomainException>(() => rfp.Revise(Sourcing, offer, Globex, Terms(1m), Now)).Message.ShouldContain("Only the contractor");
        Should.Throw<DomainException>(() => rfp.Withdraw(Sourcing, offer, Globex, Now));
        Should.Throw<DomainException>(() => rfp.Submit(Sourcing, offer, Acme, Terms(), Now)).Message.ShouldContain("revise");
        offer.IsCurrent.ShouldBeTrue();
        offer.IsWithdrawn.ShouldBeFalse();
    }

    [Fact]
    public void A_withdrawal_is_a_timestamp_and_a_new_offer_afterwards_supersedes_the_withdrawn_one()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);

        rfp.Withdraw(Sourcing, offer, Acme, Now);

        offer.WithdrawnAt.ShouldBe(Now);
        offer.Price.ShouldBe(12_000m);
        Should.Throw<DomainException>(() => rfp.Withdraw(Sourcing, offer, Acme, Now)).Message.ShouldContain("withdrawn");
        var again = rfp.Submit(Sourcing, offer, Acme, Terms(9_000m), Now);
        again.SupersedesId.ShouldBe(offer.Id);
        offer.IsCurrent.ShouldBeFalse();
    }

    [Fact]
    public void Scoring_happens_only_after_the_deadline_by_unconflicted_working_group_members()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 7, null, null, Now)).Message.ShouldContain("sealed");

        PassDeadline();

        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, true, "k1", 7, null, null, Now)).Message.ShouldContain("conflict");
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, 50, BoardRoles, false, "k1", 7, null, null, Now));
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k9", 7, null, null, Now));
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 11, null, null, Now));
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", -1, null, null, Now));
        Should.Throw<DomainException>(() => rfp.Score(Sourcing with { State = SowState.AwaitingBoard }, offer, Wg, WgRoles, false, "k1", 7, null, null, Now));
        rfp.Score(Sourcing with { State = SowState.InDecision }, offer, Wg, WgRoles, false, "k1", 7, "Fair price.", null, Now).Value.ShouldBe(7);
    }

    [Fact]
    public void A_changed_score_is_a_new_record_superseding_the_old_one()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);
        PassDeadline();
        var first = rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 7, null, null, Now);

        var second = rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 9, null, first, Now);

        first.Value.ShouldBe(7);
        first.IsCurrent.ShouldBeFalse();
        second.SupersedesId.ShouldBe(first.Id);
        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 5, null, first, Now));
    }

    [Fact]
    public void A_withdrawn_offer_is_neither_scored_nor_chosen()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);
        rfp.Withdraw(Sourcing, offer, Acme, Now);
        PassDeadline();

        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 7, null, null, Now));
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing, offer, Wg, WgRoles, false, Now));
    }

    [Fact]
    public void The_choice_is_made_after_the_deadline_once_and_names_the_organisation()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Acme, Terms(), Now);
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing, offer, Wg, WgRoles, false, Now));
        PassDeadline();
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing, offer, Wg, WgRoles, true, Now));
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing with { State = SowState.Approved }, offer, Wg, WgRoles, false, Now));

        rfp.Choose(Sourcing with { State = SowState.InDecision }, offer, Wg, WgRoles, false, Now);

        rfp.ChosenOrganisation.ShouldBe("Acme Builds Ltd");
        rfp.ChosenAt.ShouldBe(Now);
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing, offer, Wg, WgRoles, false, Now)).Message.ShouldContain("already");
    }

    [Fact]
    public void A_member_who_submitted_an_offer_neither_scores_nor_chooses_it()
    {
        var rfp = Open();
        var offer = rfp.Submit(Sourcing, null, Wg, Terms(), Now);
        PassDeadline();

        Should.Throw<DomainException>(() => rfp.Score(Sourcing, offer, Wg, WgRoles, false, "k1", 10, null, null, Now)).Message.ShouldContain("submitted");
        Should.Throw<DomainException>(() => rfp.Choose(Sourcing, offer, Wg, WgRoles, false, Now));
    }

    [Fact]
    public void A_conflict_is_declared_once_per_organisation()
    {
        var rfp = Open();
        var conflict = rfp.DeclareConflict([], Wg, "Acme Builds Ltd", "I consult for them.", Now);

        conflict.MemberId.ShouldBe(Wg);
        Should.Throw<DomainException>(() => rfp.DeclareConflict([conflict], Wg, "acme builds ltd", null, Now));
        rfp.DeclareConflict([conflict], Wg, "Globex", null, Now).Organisation.ShouldBe("Globex");
    }

    [Fact]
    public void Questions_are_asked_before_the_deadline_and_answered_once()
    {
        var rfp = Open();
        var question = rfp.Ask(Sourcing with { State = SowState.Published }, Acme, "Is on-call included?", Now);

        question.AnswerWith(Wg, "No.", Now);

        question.Answer.ShouldBe("No.");
        Should.Throw<DomainException>(() => question.AnswerWith(Wg, "Yes.", Now));
        PassDeadline();
        Should.Throw<DomainException>(() => rfp.Ask(Sourcing, Acme, "Late?", Now));
    }
}
