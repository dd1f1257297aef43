using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>The terms a contractor offers; checked before they become an offer.</summary>
public sealed record OfferTerms(string Organisation, decimal Price, string Currency, string Schedule, string Approach, string? Attachments)
{
    public OfferTerms Checked() => new(
        Guard.Text(Organisation, "Organisation", RfpOffer.MaxOrganisationLength),
        SourcingGuard.Amount(Price, "Price"),
        SourcingGuard.Currency(Currency),
        Guard.Text(Schedule, "Schedule", RfpOffer.MaxScheduleLength),
        Guard.Text(Approach, "Approach", RfpOffer.MaxApproachLength),
        Guard.OptionalText(Attachments, "Attachments", RfpOffer.MaxAttachmentsLength));
}

/// <summary>
/// A contractor's sealed offer to an RFP. Confidential as a whole: its audit events are not public
/// and none of its fields is [Public]. Never overwritten: a revision is a new offer that
/// supersedes this one; a withdrawal is a flag with its time.
/// </summary>
public sealed class RfpOffer : IAudited
{
    public const int MaxOrganisationLength = 200;
    public const int MaxScheduleLength = 4_000;
    public const int MaxApproachLength = 20_000;
    public const int MaxAttachmentsLength = 4_000;

    public static string AuditKind => "sow-rfp-offer";

    public static bool AuditIsPublic => false;

    private RfpOffer()
    {
        Organisation = string.Empty;
        Currency = string.Empty;
        Schedule = string.Empty;
        Approach = string.Empty;
    }

    internal RfpOffer(int rfpId, int sowId, int submittedById, OfferTerms terms, int? supersedesId, DateTimeOffset now)
    {
        RfpId = rfpId;
        SowId = sowId;
        SubmittedById = submittedById;
        Organisation = terms.Organisation;
        Price = terms.Price;
        Currency = terms.Currency;
        Schedule = terms.Schedule;
        Approach = terms.Approach;
        Attachments = terms.Attachments;
        SupersedesId = supersedesId;
        SubmittedAt = now;
    }

    public int Id { get; private set; }

    public int RfpId { get; private set; }

    public int SowId { get; private set; }

    /// <summary>The contractor concerned: the only person who can read this offer before the deadline.</summary>
    public int SubmittedById { get; private set; }

    public string Organisation { get; private set; }

    public decimal Price { get; private set; }

    public string Currency { get; private set; }

    public string Schedule { get; private set; }

    public string Approach { get; private set; }

    /// <summary>Attachments as text or links.</summary>
    public string? Attachments { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The earlier offer this revision replaces.</summary>
    public int? SupersedesId { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    public bool IsWithdrawn => WithdrawnAt is not null;

    internal void SupersedeAt(DateTimeOffset now) => SupersededAt = now;

    internal void WithdrawAt(DateTimeOffset now) => WithdrawnAt = now;
}

/// <summary>One WG member's score of one offer on one criterion. Confidential; a change supersedes, never overwrites.</summary>
public sealed class RfpScore : IAudited
{
    public const int MaxNoteLength = 2_000;

    public static string AuditKind => "sow-rfp-score";

    public static bool AuditIsPublic => false;

    private RfpScore()
    {
        CriterionKey = string.Empty;
    }

    internal RfpScore(int rfpId, int offerId, int scorerId, string criterionKey, int value, string? note, int? supersedesId, DateTimeOffset now)
    {
        RfpId = rfpId;
        OfferId = offerId;
        ScorerId = scorerId;
        CriterionKey = criterionKey;
        Value = value;
        Note = note;
        SupersedesId = supersedesId;
        ScoredAt = now;
    }

    public int Id { get; private set; }

    public int RfpId { get; private set; }

    public int OfferId { get; private set; }

    public int ScorerId { get; private set; }

    public string CriterionKey { get; private set; }

    public int Value { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset ScoredAt { get; private set; }

    public int? SupersedesId { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    internal void SupersedeAt(DateTimeOffset now) => SupersededAt = now;
}

/// <summary>
/// A member's declaration of a conflict of interest on an RFP (e.g. works for a bidding
/// contractor). Public, like a recusal; never deleted. It bars them from the offers, the scores
/// and the ranking of that RFP.
/// </summary>
public sealed class RfpConflict : IAudited
{
    public const int MaxNoteLength = 2_000;

    public static string AuditKind => "sow-rfp-conflict";

    private RfpConflict()
    {
        Organisation = string.Empty;
    }

    internal RfpConflict(int rfpId, int memberId, string organisation, string? note, DateTimeOffset now)
    {
        RfpId = rfpId;
        MemberId = memberId;
        Organisation = organisation;
        Note = note;
        DeclaredAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int RfpId { get; private set; }

    [Public]
    public int MemberId { get; private set; }

    [Public]
    public string Organisation { get; private set; }

    [Public]
    public string? Note { get; private set; }

    [Public]
    public DateTimeOffset DeclaredAt { get; private set; }
}

/// <summary>A public question on an RFP and the working group's public answer.</summary>
public sealed class RfpQuestion : IAudited
{
    public const int MaxTextLength = 4_000;

    public static string AuditKind => "sow-rfp-question";

    private RfpQuestion()
    {
        Question = string.Empty;
    }

    internal RfpQuestion(int rfpId, int askedById, string question, DateTimeOffset now)
    {
        RfpId = rfpId;
        AskedById = askedById;
        Question = question;
        AskedAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int RfpId { get; private set; }

    [Public]
    public int AskedById { get; private set; }

    [Public]
    public string Question { get; private set; }

    [Public]
    public DateTimeOffset AskedAt { get; private set; }

    [Public]
    public string? Answer { get; private set; }

    [Public]
    public int? AnsweredById { get; private set; }

    [Public]
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Answered once: every bidder must be able to rely on the same answer.</summary>
    public void AnswerWith(int actorId, string answer, DateTimeOffset now)
    {
        if (Answer is not null)
        {
            throw new DomainException("This question is already answered.");
        }

        Answer = Guard.Text(answer, "Answer", MaxTextLength);
        AnsweredById = actorId;
        AnsweredAt = now;
    }
}
