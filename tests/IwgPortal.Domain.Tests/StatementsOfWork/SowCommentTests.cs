using IwgPortal.Domain.Common;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.StatementsOfWork;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.StatementsOfWork;

public class SowCommentTests
{
    private const int Wg = 7;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private StatementOfWork PublishedSow()
    {
        var sow = new StatementOfWork([1], StatementOfWorkTests.Complete(), Wg, _clock.GetUtcNow());
        sow.Publish(Wg, _clock.GetUtcNow());
        return sow;
    }

    [Fact]
    public void A_draft_that_was_never_published_takes_no_comments()
    {
        var sow = new StatementOfWork([1], StatementOfWorkTests.Complete(), Wg, _clock.GetUtcNow());

        Should.Throw<DomainException>(() => Comment.Write(sow, 2, null, "Early", _clock.GetUtcNow())).Message.ShouldContain("not published");
    }

    [Fact]
    public void A_comment_belongs_to_the_revision_that_was_latest_when_it_was_written()
    {
        var sow = PublishedSow();
        var first = Comment.Write(sow, 2, null, "On the first text", _clock.GetUtcNow());
        sow.Move(SowState.Draft, Wg, "Tighten", _clock.GetUtcNow(), []);
        sow.EditDraft(sow.Draft with { WorkMode = "Weekly iterations." });
        sow.Publish(Wg, _clock.GetUtcNow());

        var second = Comment.Write(sow, 2, null, "On the second text", _clock.GetUtcNow());

        first.SowRevision.ShouldBe(1);
        second.SowRevision.ShouldBe(2);
        second.ProposalId.ShouldBeNull();
    }

    [Fact]
    public void A_cancelled_statement_of_work_takes_no_more_comments()
    {
        var sow = PublishedSow();
        sow.Move(SowState.Cancelled, Wg, "Superseded", _clock.GetUtcNow(), []);

        Should.Throw<DomainException>(() => Comment.Write(sow, 2, null, "Late", _clock.GetUtcNow())).Message.ShouldContain("cancelled");
    }

    [Fact]
    public void Replies_stay_on_the_same_statement_of_work_and_one_level_deep()
    {
        var sow = PublishedSow();
        var proposal = new Proposal(1, "Title", "Problem", "Outcome", false, [], [], Guid.NewGuid(), _clock.GetUtcNow());
        var onProposal = Comment.Write(proposal, 3, null, "Elsewhere", _clock.GetUtcNow());
        var top = Comment.Write(sow, 3, null, "Top", _clock.GetUtcNow());

        Should.Throw<DomainException>(() => Comment.Write(sow, 2, onProposal, "Cross", _clock.GetUtcNow())).Message.ShouldContain("same statement of work");
        Should.Throw<DomainException>(() => Comment.Write(sow, 2, Comment.Write(sow, 2, top, "Reply", _clock.GetUtcNow()), "Deeper", _clock.GetUtcNow()))
            .Message.ShouldContain("one level");
    }
}
