using System.Linq.Expressions;
using IwgPortal.Domain.Proposals;

namespace IwgPortal.Web.Features.Proposals;

public enum CommentSubjectKind
{
    Proposal,
    StatementOfWork,
}

/// <summary>What a comment thread discusses: a proposal or a statement of work. One comment mechanism serves both.</summary>
public readonly record struct CommentSubject(CommentSubjectKind Kind, int Id)
{
    public static CommentSubject Proposal(int id) => new(CommentSubjectKind.Proposal, id);

    public static CommentSubject Sow(int id) => new(CommentSubjectKind.StatementOfWork, id);

    /// <summary>For messages: "proposal 12", "statement of work 3".</summary>
    public string Name => Kind == CommentSubjectKind.Proposal ? $"proposal {Id}" : $"statement of work {Id}";

    /// <summary>The comments on this subject, as a filter the database can run.</summary>
    public Expression<Func<Comment, bool>> Comments()
    {
        var id = Id;
        return Kind == CommentSubjectKind.Proposal ? c => c.ProposalId == id : c => c.SowId == id;
    }
}
