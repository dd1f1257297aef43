using IwgPortal.Domain.Common;
using IwgPortal.Domain.StatementsOfWork;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.StatementsOfWork;

public class StatementOfWorkTests
{
    private const int Wg = 7;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    internal static SowContent Complete(string title = "Multi-stage CI") => new(
        title,
        "Expensive builds run on every commit.",
        "A contractor works with the WG in two-week iterations.",
        "Buildbot, Python 3, CI design.",
        "Cheap builds gate expensive ones.",
        "No extra queue time at peak.",
        [
            new WorkItem("w1", "Staged pipeline", "Split the builders into stages.", [new AcceptanceCriterion("c1", "Expensive builders only run after cheap ones pass.")]),
            new WorkItem("w2", "Dashboard", "Show stage results per commit.", [new AcceptanceCriterion("c2", "Each commit shows all stages."), new AcceptanceCriterion("c3", "Results appear within 5 minutes.")]),
        ],
        [new ServiceLevelObjective("s1", "build-servers", "≥ 99.5 % availability", "30 days", "portal probes")],
        ["build-servers"],
        DeliveryRoute.RequestForProposals);

    private StatementOfWork NewSow(SowContent? content = null) => new([1], content ?? Complete(), Wg, _clock.GetUtcNow());

    [Fact]
    public void The_machine_has_the_states_of_the_governance_model()
    {
        SowState.Draft.NextStates().ShouldBe([SowState.Published, SowState.Cancelled]);
        SowState.Published.NextStates().ShouldBe([SowState.Sourcing, SowState.Draft, SowState.Cancelled]);
        SowState.Sourcing.NextStates().ShouldBe([SowState.InDecision, SowState.Draft, SowState.Cancelled]);
        SowState.InDecision.NextStates().ShouldBe([SowState.AwaitingBoard, SowState.Draft, SowState.Cancelled]);
        SowState.AwaitingBoard.NextStates().ShouldBe([SowState.Approved, SowState.Cancelled]);
        SowState.Accepted.NextStates().ShouldBe([SowState.Closed, SowState.Cancelled]);
        SowState.Closed.NextStates().ShouldBeEmpty();
        SowState.Cancelled.NextStates().ShouldBeEmpty();
    }

    [Fact]
    public void Publishing_freezes_a_numbered_fingerprinted_revision()
    {
        var sow = NewSow();

        var first = sow.Publish(Wg, _clock.GetUtcNow());

        first.Number.ShouldBe(1);
        first.Sha256.ShouldBe(Complete().Sha256());
        first.Sha256.Length.ShouldBe(64);
        sow.State.ShouldBe(SowState.Published);
    }

    [Fact]
    public void Every_later_publication_is_a_new_revision_and_old_ones_stay()
    {
        var sow = NewSow();
        var first = sow.Publish(Wg, _clock.GetUtcNow());
        sow.Move(SowState.Draft, Wg, "The board asked for an SLO on the dashboard.", _clock.GetUtcNow(), []);
        sow.EditDraft(Complete() with { NonFunctionalRequirements = "No extra queue time at peak; dashboard under 2 s." });

        var second = sow.Publish(Wg, _clock.GetUtcNow());

        second.Number.ShouldBe(2);
        second.Sha256.ShouldNotBe(first.Sha256);
        sow.Revisions.ShouldBe([first, second]);
        first.Content.NonFunctionalRequirements.ShouldBe("No extra queue time at peak.");
    }

    [Fact]
    public void The_fingerprint_ignores_line_endings_and_surrounding_space_but_not_words()
    {
        var content = Complete();
        (content with { Problem = "  Expensive builds run on every commit.\r\n" }).Sha256().ShouldBe(content.Sha256());
        (content with { Problem = "Expensive builds run on most commits." }).Sha256().ShouldNotBe(content.Sha256());
    }

    [Fact]
    public void Publishing_an_unchanged_text_again_is_refused()
    {
        var sow = NewSow();
        sow.Publish(Wg, _clock.GetUtcNow());
        sow.Move(SowState.Draft, Wg, "Second look", _clock.GetUtcNow(), []);

        Should.Throw<DomainException>(() => sow.Publish(Wg, _clock.GetUtcNow())).Message.ShouldContain("Nothing changed");
    }

    [Fact]
    public void An_incomplete_draft_is_not_published_and_says_what_is_missing()
    {
        var sow = NewSow(Complete() with
        {
            WorkMode = " ",
            WorkItems = [new WorkItem("w1", "Staged pipeline", "", [])],
            ServiceSlugs = ["build-servers", "web-sites"],
            Route = null,
        });

        var missing = sow.Draft.Missing();

        missing.ShouldContain(m => m.Contains("work mode", StringComparison.Ordinal));
        missing.ShouldContain(m => m.Contains("“Staged pipeline” has no acceptance criteria", StringComparison.Ordinal));
        missing.ShouldContain(m => m.Contains("web-sites", StringComparison.Ordinal));
        missing.ShouldContain(m => m.Contains("delivery route", StringComparison.Ordinal));
        Should.Throw<DomainException>(() => sow.Publish(Wg, _clock.GetUtcNow()));
        sow.Revisions.ShouldBeEmpty();
    }

    [Fact]
    public void A_complete_draft_misses_nothing()
    {
        Complete().Missing().ShouldBeEmpty();
    }

    [Fact]
    public void Duplicate_keys_are_caught()
    {
        var content = Complete() with { WorkItems = [.. Complete().WorkItems, new WorkItem("w1", "Again", "", [new AcceptanceCriterion("c9", "x")])] };
        content.Missing().ShouldContain(m => m.Contains("w1 is used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_a_draft_is_edited()
    {
        var sow = NewSow();
        sow.Publish(Wg, _clock.GetUtcNow());
        Should.Throw<DomainException>(() => sow.EditDraft(Complete("Changed behind everyone's back")));
    }

    [Fact]
    public void Going_back_to_draft_or_cancelling_needs_a_reason()
    {
        var sow = NewSow();
        sow.Publish(Wg, _clock.GetUtcNow());
        Should.Throw<DomainException>(() => sow.Move(SowState.Draft, Wg, null, _clock.GetUtcNow(), []));
        Should.Throw<DomainException>(() => sow.Move(SowState.Cancelled, Wg, "", _clock.GetUtcNow(), []));
        sow.Move(SowState.Cancelled, Wg, "Superseded by GitHub Actions.", _clock.GetUtcNow(), []);
        sow.State.ShouldBe(SowState.Cancelled);
        sow.Transitions[^1].Reason.ShouldBe("Superseded by GitHub Actions.");
    }

    [Fact]
    public void Skipping_a_state_is_refused()
    {
        var sow = NewSow();
        sow.Publish(Wg, _clock.GetUtcNow());
        Should.Throw<DomainException>(() => sow.Move(SowState.InDecision, Wg, null, _clock.GetUtcNow(), []));
        Should.Throw<DomainException>(() => sow.Move(SowState.Published, Wg, null, _clock.GetUtcNow(), []));
    }

    [Fact]
    public void The_decision_waits_for_the_community_consultation_of_a_workflow_change()
    {
        var sow = NewSow();
        sow.Publish(Wg, _clock.GetUtcNow());
        sow.Move(SowState.Sourcing, Wg, null, _clock.GetUtcNow(), []);
        var consultation = new LinkedProposal(1, "Decide on GitHub pull requests", _clock.GetUtcNow().AddDays(5), ChangesWorkflow: true);

        Should.Throw<DomainException>(() => sow.Move(SowState.InDecision, Wg, null, _clock.GetUtcNow(), [consultation]))
            .Message.ShouldContain("consultation");
        _clock.Advance(TimeSpan.FromDays(5));
        sow.Move(SowState.InDecision, Wg, null, _clock.GetUtcNow(), [consultation]);

        sow.State.ShouldBe(SowState.InDecision);
    }

    [Fact]
    public void A_statement_of_work_starts_from_a_proposal()
    {
        Should.Throw<DomainException>(() => new StatementOfWork([], Complete(), Wg, _clock.GetUtcNow()));
    }
}
