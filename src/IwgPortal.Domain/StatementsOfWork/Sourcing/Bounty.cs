using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>
/// The fixed, public amount of a bounty-route SOW. Money is never overwritten: a new amount is a
/// new record, and the one it replaces is marked superseded. The amount can change only until
/// the first application arrives (applicants applied for that amount).
/// </summary>
public sealed class Bounty : IAudited
{
    public static string AuditKind => "sow-bounty";

    private Bounty()
    {
        Currency = string.Empty;
    }

    private Bounty(int sowId, decimal amount, string currency, int setById, DateTimeOffset now)
    {
        SowId = sowId;
        Amount = amount;
        Currency = currency;
        SetById = setById;
        SetAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int SowId { get; private set; }

    [Public]
    public decimal Amount { get; private set; }

    [Public]
    public string Currency { get; private set; }

    [Public]
    public int SetById { get; private set; }

    [Public]
    public DateTimeOffset SetAt { get; private set; }

    [Public]
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    /// <summary>Sets the amount, superseding the current one if any.</summary>
    public static Bounty Set(SourcingStage stage, Bounty? current, bool hasApplications, decimal amount, string currency, int actorId, DateTimeOffset now)
    {
        stage.RequireRoute(DeliveryRoute.Bounty);
        if (stage.State is not (SowState.Draft or SowState.Published or SowState.Sourcing))
        {
            throw new DomainException($"Statement of work {stage.SowId} is {stage.State}: the bounty is set before the decision.");
        }

        if (hasApplications)
        {
            throw new DomainException("Community members have applied for this bounty: its amount can no longer change.");
        }

        var next = new Bounty(stage.SowId, SourcingGuard.Amount(amount, "Amount"), SourcingGuard.Currency(currency), actorId, now);
        if (current is not null)
        {
            if (current.SowId != stage.SowId || !current.IsCurrent)
            {
                throw new DomainException("Only the current bounty of this statement of work can be replaced.");
            }

            current.SupersededAt = now;
        }

        return next;
    }
}

/// <summary>A community member applies for a bounty with a short plan; the working group selects one. Public.</summary>
public sealed class BountyApplication : IAudited
{
    public const int MaxPlanLength = 4_000;

    public static string AuditKind => "sow-bounty-application";

    private BountyApplication()
    {
        Plan = string.Empty;
    }

    private BountyApplication(int sowId, int bountyId, int personId, string plan, DateTimeOffset now)
    {
        SowId = sowId;
        BountyId = bountyId;
        PersonId = personId;
        Plan = plan;
        AppliedAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int SowId { get; private set; }

    /// <summary>The amount the applicant applied for.</summary>
    [Public]
    public int BountyId { get; private set; }

    [Public]
    public int PersonId { get; private set; }

    [Public]
    public string Plan { get; private set; }

    [Public]
    public DateTimeOffset AppliedAt { get; private set; }

    [Public]
    public DateTimeOffset? SelectedAt { get; private set; }

    [Public]
    public int? SelectedById { get; private set; }

    public bool IsSelected => SelectedAt is not null;

    public static BountyApplication Apply(SourcingStage stage, Bounty? bounty, int personId, string plan, DateTimeOffset now)
    {
        stage.RequireAccepting(DeliveryRoute.Bounty);
        if (bounty is null || !bounty.IsCurrent || bounty.SowId != stage.SowId)
        {
            throw new DomainException("The working group has not set the bounty's amount yet.");
        }

        return new BountyApplication(stage.SowId, bounty.Id, personId, Guard.Text(plan, "Plan", MaxPlanLength), now);
    }

    /// <summary>The working group selects one applicant; a bounty has one selection.</summary>
    public void Select(SourcingStage stage, bool anotherIsSelected, int actorId, DateTimeOffset now)
    {
        if (stage.SowId != SowId)
        {
            throw new DomainException("This application belongs to another statement of work.");
        }

        stage.RequireDeciding(DeliveryRoute.Bounty);
        if (IsSelected || anotherIsSelected)
        {
            throw new DomainException("An applicant is already selected for this bounty.");
        }

        SelectedAt = now;
        SelectedById = actorId;
    }
}
