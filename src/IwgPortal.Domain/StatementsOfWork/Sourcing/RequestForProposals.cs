using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;

namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>One evaluation criterion of an RFP, with its weight in the ranking. Public.</summary>
public sealed record RfpCriterion(string Key, string Name, int Weight);

/// <summary>What the acting person may read of an RFP's offers (governance.md, confidentiality).</summary>
public enum OfferAccess
{
    /// <summary>Only the offers this person submitted (the contractor concerned), whatever the time.</summary>
    OwnOnly,

    /// <summary>WG, board and treasurer after the deadline: every offer.</summary>
    All,

    /// <summary>A person who declared a conflict of interest on this RFP: nothing.</summary>
    Conflicted,
}

/// <summary>
/// A request for proposals: the working group asks contractors for sealed offers until a deadline
/// and evaluates them against weighted criteria. Public: that it exists, its deadline and
/// criteria, and later the organisation chosen. Offers, prices and scores are confidential and
/// live in their own, non-public records.
/// </summary>
public sealed class RequestForProposals : IAudited
{
    public const int MaxCriteria = 20;
    public const int MaxCriterionNameLength = 200;
    public const int MaxWeight = 100;
    public const int MinScore = 0;
    public const int MaxScore = 10;

    public static string AuditKind => "sow-rfp";

    private readonly List<RfpCriterion> _criteria = [];

    private RequestForProposals()
    {
    }

    private RequestForProposals(int sowId, DateTimeOffset deadline, IEnumerable<RfpCriterion> criteria, int actorId, DateTimeOffset now)
    {
        SowId = sowId;
        Deadline = deadline;
        _criteria.AddRange(criteria);
        OpenedById = actorId;
        OpenedAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int SowId { get; private set; }

    [Public]
    public DateTimeOffset Deadline { get; private set; }

    public IReadOnlyList<RfpCriterion> Criteria => _criteria;

    [Public]
    public int OpenedById { get; private set; }

    [Public]
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>Which offer was chosen is confidential (it would tie a price to a name); the organisation is public.</summary>
    public int? ChosenOfferId { get; private set; }

    [Public]
    public string? ChosenOrganisation { get; private set; }

    [Public]
    public DateTimeOffset? ChosenAt { get; private set; }

    [Public]
    public int? ChosenById { get; private set; }

    /// <summary>Before the deadline offers are sealed: only their own contractor can read them.</summary>
    public bool IsSealedAt(DateTimeOffset now) => now < Deadline;

    public static RequestForProposals Open(SourcingStage stage, bool alreadyOpen, DateTimeOffset deadline, IReadOnlyList<(string Name, int Weight)> criteria, int actorId, DateTimeOffset now)
    {
        stage.RequireRoute(DeliveryRoute.RequestForProposals);
        if (stage.State is not (SowState.Published or SowState.Sourcing))
        {
            throw new DomainException($"Statement of work {stage.SowId} is {stage.State}: an RFP is opened once it is published, before the decision.");
        }

        if (alreadyOpen)
        {
            throw new DomainException($"Statement of work {stage.SowId} already has a request for proposals.");
        }

        if (deadline <= now)
        {
            throw new DomainException("The deadline must be in the future.");
        }

        if (criteria.Count is 0 or > MaxCriteria)
        {
            throw new DomainException($"An RFP has between 1 and {MaxCriteria} evaluation criteria.");
        }

        var checkedCriteria = criteria.Select((c, i) =>
        {
            if (c.Weight is <= 0 or > MaxWeight)
            {
                throw new DomainException($"The weight of a criterion is between 1 and {MaxWeight}.");
            }

            return new RfpCriterion($"k{i + 1}", Guard.Text(c.Name, "Criterion name", MaxCriterionNameLength), c.Weight);
        }).ToList();
        if (checkedCriteria.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            throw new DomainException("Two criteria have the same name.");
        }

        return new RequestForProposals(stage.SowId, deadline, checkedCriteria, actorId, now);
    }

    /// <summary>
    /// What this person may read: their own offers always; all offers only after the deadline,
    /// for WG, board and treasurer, and never for someone who declared a conflict.
    /// </summary>
    public OfferAccess AccessFor(RoleSet roles, bool conflicted, DateTimeOffset now) =>
        conflicted ? OfferAccess.Conflicted
        : roles.MaySeeConfidential && !IsSealedAt(now) ? OfferAccess.All
        : OfferAccess.OwnOnly;

    public RfpOffer Submit(SourcingStage stage, RfpOffer? ownCurrent, int contractorId, OfferTerms terms, DateTimeOffset now)
    {
        CheckOpenForOffers(stage, now);
        if (ownCurrent is not null)
        {
            CheckOwn(ownCurrent, contractorId);
            if (!ownCurrent.IsWithdrawn)
            {
                throw new DomainException("You already have an offer on this RFP: revise it instead.");
            }
        }

        var offer = new RfpOffer(Id, SowId, contractorId, terms.Checked(), ownCurrent?.Id, now);
        ownCurrent?.SupersedeAt(now);
        return offer;
    }

    /// <summary>A revision is a new offer linked to the one it replaces; the old one stays, superseded.</summary>
    public RfpOffer Revise(SourcingStage stage, RfpOffer offer, int contractorId, OfferTerms terms, DateTimeOffset now)
    {
        CheckOpenForOffers(stage, now);
        CheckOwn(offer, contractorId);
        CheckLive(offer);
        var revision = new RfpOffer(Id, SowId, contractorId, terms.Checked(), offer.Id, now);
        offer.SupersedeAt(now);
        return revision;
    }

    public void Withdraw(SourcingStage stage, RfpOffer offer, int contractorId, DateTimeOffset now)
    {
        CheckOpenForOffers(stage, now);
        CheckOwn(offer, contractorId);
        CheckLive(offer);
        offer.WithdrawAt(now);
    }

    /// <summary>One member's score of one offer on one criterion; a change is a new record superseding the old one.</summary>
    public RfpScore Score(SourcingStage stage, RfpOffer offer, int scorerId, RoleSet roles, bool conflicted, string criterionKey, int value, string? note, RfpScore? current, DateTimeOffset now)
    {
        CheckEvaluation(stage, roles, conflicted, now);
        if (!roles.IsWorkingGroup)
        {
            throw new DomainException("Only working-group members score offers.");
        }

        CheckLive(offer);
        CheckNotOwn(offer, scorerId);
        if (_criteria.All(c => c.Key != criterionKey))
        {
            throw new DomainException($"This RFP has no criterion {criterionKey}.");
        }

        if (value is < MinScore or > MaxScore)
        {
            throw new DomainException($"A score is between {MinScore} and {MaxScore}.");
        }

        if (current is not null && (current.OfferId != offer.Id || current.ScorerId != scorerId || current.CriterionKey != criterionKey || !current.IsCurrent))
        {
            throw new DomainException("Only your current score of this offer and criterion can be replaced.");
        }

        var score = new RfpScore(Id, offer.Id, scorerId, criterionKey, value, Guard.OptionalText(note, "Note", RfpScore.MaxNoteLength), current?.Id, now);
        current?.SupersedeAt(now);
        return score;
    }

    /// <summary>The working group's choice: public by organisation name, never by price.</summary>
    public void Choose(SourcingStage stage, RfpOffer offer, int actorId, RoleSet roles, bool conflicted, DateTimeOffset now)
    {
        CheckEvaluation(stage, roles, conflicted, now);
        if (!roles.IsWorkingGroup)
        {
            throw new DomainException("Only the working group chooses an offer.");
        }

        CheckLive(offer);
        CheckNotOwn(offer, actorId);
        if (ChosenOfferId is not null)
        {
            throw new DomainException("An offer is already chosen for this RFP.");
        }

        ChosenOfferId = offer.Id;
        ChosenOrganisation = offer.Organisation;
        ChosenAt = now;
        ChosenById = actorId;
    }

    public RfpConflict DeclareConflict(IReadOnlyCollection<RfpConflict> existing, int memberId, string organisation, string? note, DateTimeOffset now)
    {
        var org = Guard.Text(organisation, "Organisation", RfpOffer.MaxOrganisationLength);
        if (existing.Any(c => c.RfpId == Id && c.MemberId == memberId && string.Equals(c.Organisation, org, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("You already declared this conflict.");
        }

        return new RfpConflict(Id, memberId, org, Guard.OptionalText(note, "Note", RfpConflict.MaxNoteLength), now);
    }

    public RfpQuestion Ask(SourcingStage stage, int personId, string question, DateTimeOffset now)
    {
        CheckStage(stage);
        if (!IsSealedAt(now))
        {
            throw new DomainException("The deadline has passed: questions are closed.");
        }

        return new RfpQuestion(Id, personId, Guard.Text(question, "Question", RfpQuestion.MaxTextLength), now);
    }

    private void CheckOpenForOffers(SourcingStage stage, DateTimeOffset now)
    {
        CheckStage(stage);
        stage.RequireAccepting(DeliveryRoute.RequestForProposals);
        if (!IsSealedAt(now))
        {
            throw new DomainException($"The deadline ({Deadline:u}) has passed: offers can no longer be submitted, revised or withdrawn.");
        }
    }

    private void CheckEvaluation(SourcingStage stage, RoleSet roles, bool conflicted, DateTimeOffset now)
    {
        CheckStage(stage);
        stage.RequireDeciding(DeliveryRoute.RequestForProposals);
        if (IsSealedAt(now))
        {
            throw new DomainException($"Offers are sealed until the deadline ({Deadline:u}).");
        }

        if (conflicted || !roles.MaySeeConfidential)
        {
            throw new DomainException("You declared a conflict of interest on this RFP, or may not evaluate its offers.");
        }
    }

    private void CheckStage(SourcingStage stage)
    {
        if (stage.SowId != SowId)
        {
            throw new DomainException("This RFP belongs to another statement of work.");
        }
    }

    private void CheckOwn(RfpOffer offer, int contractorId)
    {
        if (offer.RfpId != Id)
        {
            throw new DomainException("This offer belongs to another RFP.");
        }

        if (offer.SubmittedById != contractorId)
        {
            throw new DomainException("Only the contractor who submitted an offer can change it.");
        }
    }

    /// <summary>A member who submitted an offer is a bidder, whatever conflict they declared or forgot to.</summary>
    private static void CheckNotOwn(RfpOffer offer, int memberId)
    {
        if (offer.SubmittedById == memberId)
        {
            throw new DomainException("You submitted this offer: you can neither score nor choose it.");
        }
    }

    private void CheckLive(RfpOffer offer)
    {
        if (offer.RfpId != Id)
        {
            throw new DomainException("This offer belongs to another RFP.");
        }

        if (!offer.IsCurrent)
        {
            throw new DomainException("This offer was revised: use its latest revision.");
        }

        if (offer.IsWithdrawn)
        {
            throw new DomainException("This offer was withdrawn.");
        }
    }
}
