using IwgPortal.Domain.Common;
using IwgPortal.Domain.Proposals;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Domain.Tests.Proposals;

public class CommentTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));

    private Proposal NewProposal() => new(1, "Title", "Problem", "Outcome", false, [], [], Guid.NewGuid(), _clock.GetUtcNow());

    [Fact]
    public void A_withdrawn_proposal_takes_no_comments()
    {
        var proposal = NewProposal();
        proposal.Move(ProposalState.Withdrawn, 1, false, null, _clock.GetUtcNow(), TimeSpan.FromDays(14));

        Should.Throw<DomainException>(() => Comment.Write(proposal, 2, null, "Too late?", _clock.GetUtcNow()))
            .Message.ShouldContain("withdrawn");
    }

    [Fact]
    public void Replies_go_one_level_deep()
    {
        var proposal = NewProposal();
        var reply = Comment.Write(proposal, 2, Comment.Write(proposal, 3, null, "Top", _clock.GetUtcNow()), "Reply", _clock.GetUtcNow());
        reply.ParentId.ShouldNotBeNull();

        Should.Throw<DomainException>(() => Comment.Write(proposal, 2, reply, "Reply to a reply", _clock.GetUtcNow()))
            .Message.ShouldContain("one level");
    }

    [Fact]
    public void Editing_keeps_the_earlier_text_and_marks_the_comment_edited()
    {
        var comment = Comment.Write(NewProposal(), 2, null, "First words", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(5));

        comment.Edit(2, "Better words", _clock.GetUtcNow());

        comment.Body.ShouldBe("Better words");
        comment.EditedAt.ShouldBe(_clock.GetUtcNow());
        comment.Revisions.Single().Body.ShouldBe("First words");
    }

    [Fact]
    public void Nobody_else_edits_a_comment()
    {
        var comment = Comment.Write(NewProposal(), 2, null, "Mine", _clock.GetUtcNow());
        Should.Throw<DomainException>(() => comment.Edit(3, "Yours now", _clock.GetUtcNow()));
        comment.Body.ShouldBe("Mine");
    }

    [Fact]
    public void A_hidden_comment_keeps_its_text_for_its_author_only()
    {
        var comment = Comment.Write(NewProposal(), 2, null, "Rude words", _clock.GetUtcNow());

        comment.Hide(9, "Personal attack", _clock.GetUtcNow());

        comment.IsHidden.ShouldBeTrue();
        comment.HiddenReason.ShouldBe("Personal attack");
        comment.Body.ShouldBe("Rude words");
        comment.IsVisibleTo(2).ShouldBeTrue();
        comment.IsVisibleTo(3).ShouldBeFalse();
        comment.IsVisibleTo(null).ShouldBeFalse();
        Should.Throw<DomainException>(() => comment.Hide(9, "Again", _clock.GetUtcNow()));
    }

    [Fact]
    public void Hiding_needs_a_reason()
    {
        var comment = Comment.Write(NewProposal(), 2, null, "Text", _clock.GetUtcNow());
        Should.Throw<DomainException>(() => comment.Hide(9, " ", _clock.GetUtcNow()));
        comment.IsHidden.ShouldBeFalse();
    }

    [Fact]
    public void A_hidden_comment_is_dated_and_cannot_be_edited()
    {
        var comment = Comment.Write(NewProposal(), 2, null, "Rude words", _clock.GetUtcNow());
        comment.Hide(9, "Personal attack", _clock.GetUtcNow());

        comment.HiddenAt.ShouldBe(_clock.GetUtcNow());
        Should.Throw<DomainException>(() => comment.Edit(2, "Polite words", _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("nul\0byte")]
    [InlineData("bell\a")]
    public void Control_characters_are_refused_but_line_breaks_are_text(string body)
    {
        Should.Throw<DomainException>(() => Comment.Write(NewProposal(), 2, null, body, _clock.GetUtcNow()));
        Comment.Write(NewProposal(), 2, null, "line one\n\tline two", _clock.GetUtcNow()).Body.ShouldContain("\n");
    }
}
