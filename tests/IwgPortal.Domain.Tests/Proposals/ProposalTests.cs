using IwgPortal.Domain.Common;
using IwgPortal.Domain.Proposals;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.Proposals;

public class ProposalTests
{
    private const int Author = 10;
    private const int WgMember = 20;
    private const int Stranger = 30;
    private static readonly TimeSpan Consultation = TimeSpan.FromDays(14);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));

    private Proposal NewProposal(bool changesWorkflow = false) =>
        new(Author, "Multi-stage CI", "Expensive builds run on every commit.", "Cheap builds first.", changesWorkflow, [1, 2], ["https://example.org/rfc"], Guid.NewGuid(), _clock.GetUtcNow());

    public static TheoryData<ProposalState, ProposalState> LegalMoves => new()
    {
        { ProposalState.Submitted, ProposalState.UnderDiscussion },
        { ProposalState.Submitted, ProposalState.Withdrawn },
        { ProposalState.UnderDiscussion, ProposalState.Accepted },
        { ProposalState.UnderDiscussion, ProposalState.Declined },
        { ProposalState.UnderDiscussion, ProposalState.Withdrawn },
    };

    public static TheoryData<ProposalState, ProposalState> IllegalMoves()
    {
        var data = new TheoryData<ProposalState, ProposalState>();
        foreach (var from in Enum.GetValues<ProposalState>())
        {
            foreach (var to in Enum.GetValues<ProposalState>())
            {
                if (!LegalMoves.Any(row => (ProposalState)row[0] == from && (ProposalState)row[1] == to))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Every_legal_move_is_allowed_and_recorded(ProposalState from, ProposalState to)
    {
        var proposal = InState(from);
        var actor = to == ProposalState.Withdrawn ? Author : WgMember;

        var transition = proposal.Move(to, actor, actorIsWorkingGroup: actor == WgMember, "Because.", _clock.GetUtcNow(), Consultation);

        proposal.State.ShouldBe(to);
        transition.From.ShouldBe(from);
        transition.To.ShouldBe(to);
        transition.ActorId.ShouldBe(actor);
        proposal.Transitions[^1].ShouldBe(transition);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Every_illegal_move_is_refused(ProposalState from, ProposalState to)
    {
        var proposal = InState(from);
        var before = proposal.Transitions.Count;

        Should.Throw<DomainException>(() => proposal.Move(to, to == ProposalState.Withdrawn ? Author : WgMember, true, "Because.", _clock.GetUtcNow(), Consultation));

        proposal.State.ShouldBe(from);
        proposal.Transitions.Count.ShouldBe(before);
    }

    [Fact]
    public void Only_the_working_group_moves_a_proposal_into_discussion()
    {
        var proposal = NewProposal();
        Should.Throw<DomainException>(() => proposal.Move(ProposalState.UnderDiscussion, Stranger, false, "I like it", _clock.GetUtcNow(), Consultation))
            .Message.ShouldContain("working-group");
    }

    [Fact]
    public void Only_the_author_withdraws()
    {
        var proposal = NewProposal();
        Should.Throw<DomainException>(() => proposal.Move(ProposalState.Withdrawn, WgMember, true, null, _clock.GetUtcNow(), Consultation))
            .Message.ShouldContain("author");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_working_group_move_needs_a_public_reason(string? reason)
    {
        var proposal = NewProposal();
        Should.Throw<DomainException>(() => proposal.Move(ProposalState.UnderDiscussion, WgMember, true, reason, _clock.GetUtcNow(), Consultation));
    }

    [Fact]
    public void A_workflow_change_gets_a_consultation_period_from_the_start_of_discussion()
    {
        var proposal = NewProposal(changesWorkflow: true);
        _clock.Advance(TimeSpan.FromDays(3));
        var started = _clock.GetUtcNow();

        proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Worth discussing", started, Consultation);

        proposal.ConsultationEndsAt.ShouldBe(started + Consultation);
        proposal.IsConsultationOpenAt(started.AddDays(13.9)).ShouldBeTrue();
        proposal.IsConsultationOpenAt(started.AddDays(14)).ShouldBeFalse();
    }

    [Fact]
    public void The_consultation_period_is_configurable()
    {
        var proposal = NewProposal(changesWorkflow: true);
        proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Go", _clock.GetUtcNow(), TimeSpan.FromDays(30));

        proposal.ConsultationEndsAt.ShouldBe(_clock.GetUtcNow().AddDays(30));
    }

    [Fact]
    public void A_proposal_that_does_not_change_workflows_needs_no_consultation()
    {
        var proposal = NewProposal(changesWorkflow: false);
        proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Go", _clock.GetUtcNow(), Consultation);

        proposal.ConsultationEndsAt.ShouldBeNull();
        proposal.IsConsultationOpenAt(_clock.GetUtcNow()).ShouldBeFalse();
    }

    [Fact]
    public void A_submitted_workflow_change_has_its_consultation_still_ahead()
    {
        NewProposal(changesWorkflow: true).IsConsultationOpenAt(_clock.GetUtcNow().AddYears(1)).ShouldBeTrue();
    }

    [Fact]
    public void A_decision_is_dated()
    {
        var proposal = InState(ProposalState.UnderDiscussion);
        _clock.Advance(TimeSpan.FromDays(20));

        proposal.Move(ProposalState.Accepted, WgMember, true, "Agreed by the group", _clock.GetUtcNow(), Consultation);

        proposal.DecidedAt.ShouldBe(_clock.GetUtcNow());
    }

    [Theory]
    [InlineData("", "p", "o")]
    [InlineData("t", "", "o")]
    [InlineData("t", "p", " ")]
    public void Title_problem_and_outcome_are_required(string title, string problem, string outcome) =>
        Should.Throw<DomainException>(() => new Proposal(Author, title, problem, outcome, false, [], [], Guid.NewGuid(), _clock.GetUtcNow()));

    [Fact]
    public void Links_must_be_web_addresses()
    {
        Should.Throw<DomainException>(() => new Proposal(Author, "t", "p", "o", false, [], ["javascript:alert(1)"], Guid.NewGuid(), _clock.GetUtcNow()));
    }

    [Fact]
    public void Too_many_services_or_links_are_refused()
    {
        Should.Throw<DomainException>(() => new Proposal(Author, "t", "p", "o", false, Enumerable.Range(1, 11), [], Guid.NewGuid(), _clock.GetUtcNow()));
        Should.Throw<DomainException>(() => new Proposal(Author, "t", "p", "o", false, [], Enumerable.Range(1, 11).Select(i => $"https://example.org/{i}"), Guid.NewGuid(), _clock.GetUtcNow()));
    }

    [Fact]
    public void Each_move_bumps_the_version_that_concurrent_moves_are_checked_against()
    {
        var proposal = NewProposal();
        proposal.Version.ShouldBe(0);

        proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Discuss", _clock.GetUtcNow(), Consultation);

        proposal.Version.ShouldBe(1);
    }

    private Proposal InState(ProposalState state)
    {
        var proposal = NewProposal();
        var now = _clock.GetUtcNow();
        switch (state)
        {
            case ProposalState.Submitted:
                break;
            case ProposalState.UnderDiscussion:
                proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Discuss", now, Consultation);
                break;
            case ProposalState.Withdrawn:
                proposal.Move(ProposalState.Withdrawn, Author, false, null, now, Consultation);
                break;
            default:
                proposal.Move(ProposalState.UnderDiscussion, WgMember, true, "Discuss", now, Consultation);
                proposal.Move(state, WgMember, true, "Decided", now, Consultation);
                break;
        }

        return proposal;
    }
}
