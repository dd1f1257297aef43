using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record GetRfpQuery(int SowId) : IQuery<RfpDetails>;

public sealed record RfpQuestionItem(int Id, string AskedBy, string Question, DateTimeOffset AskedAt, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);

public sealed record RfpConflictItem(string Member, string Organisation, string? Note, DateTimeOffset DeclaredAt);

/// <summary>
/// The public face of an RFP. OfferCount is null until the deadline (how many offers are in is
/// itself sealed until then); ChosenOrganisation is null until the working group chooses.
/// </summary>
public sealed record RfpDetails(
    int SowId,
    DateTimeOffset Deadline,
    bool IsSealed,
    IReadOnlyList<RfpCriterion> Criteria,
    int? OfferCount,
    string? ChosenOrganisation,
    DateTimeOffset? ChosenAt,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    IReadOnlyList<RfpQuestionItem> Questions,
    IReadOnlyList<RfpConflictItem> Conflicts);

/// <summary>Public: never an offer's content, price or score.</summary>
public sealed class GetRfpHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<GetRfpQuery, RfpDetails>
{
    public async ValueTask<RfpDetails> Handle(GetRfpQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, query.SowId, cancellationToken);
        var sealedNow = rfp.IsSealedAt(clock.GetUtcNow());
        int? offerCount = sealedNow ? null
            : await db.RfpOffers.CountAsync(o => o.RfpId == rfp.Id && o.SupersededAt == null && o.WithdrawnAt == null, cancellationToken);
        var questions = await db.RfpQuestions.AsNoTracking().Where(q => q.RfpId == rfp.Id).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var conflicts = await db.RfpConflicts.AsNoTracking().Where(c => c.RfpId == rfp.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(
            db,
            [rfp.OpenedById, .. questions.Select(q => (int?)q.AskedById), .. questions.Select(q => q.AnsweredById), .. conflicts.Select(c => (int?)c.MemberId)],
            cancellationToken);
        return new RfpDetails(
            query.SowId,
            rfp.Deadline,
            sealedNow,
            rfp.Criteria,
            offerCount,
            rfp.ChosenOrganisation,
            rfp.ChosenAt,
            logins[rfp.OpenedById],
            rfp.OpenedAt,
            [.. questions.Select(q => new RfpQuestionItem(q.Id, logins[q.AskedById], q.Question, q.AskedAt, q.Answer, q.AnsweredById is { } by ? logins[by] : null, q.AnsweredAt))],
            [.. conflicts.Select(c => new RfpConflictItem(logins[c.MemberId], c.Organisation, c.Note, c.DeclaredAt))]);
    }
}
