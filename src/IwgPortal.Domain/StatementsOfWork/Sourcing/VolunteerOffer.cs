using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>
/// A community member offers to do the work of a volunteers-route SOW; the working group assigns
/// one or more of them. Everything here is public.
/// </summary>
public sealed class VolunteerOffer : IAudited
{
    public const int MaxNoteLength = 4_000;

    public static string AuditKind => "sow-volunteer";

    private VolunteerOffer()
    {
        Note = string.Empty;
    }

    private VolunteerOffer(int sowId, int personId, string note, DateTimeOffset now)
    {
        SowId = sowId;
        PersonId = personId;
        Note = note;
        OfferedAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int SowId { get; private set; }

    [Public]
    public int PersonId { get; private set; }

    /// <summary>What the volunteer offers to do, and when.</summary>
    [Public]
    public string Note { get; private set; }

    [Public]
    public DateTimeOffset OfferedAt { get; private set; }

    [Public]
    public DateTimeOffset? AssignedAt { get; private set; }

    [Public]
    public int? AssignedById { get; private set; }

    public bool IsAssigned => AssignedAt is not null;

    public static VolunteerOffer Offer(SourcingStage stage, int personId, string note, DateTimeOffset now)
    {
        stage.RequireAccepting(DeliveryRoute.Volunteers);
        return new VolunteerOffer(stage.SowId, personId, Guard.Text(note, "Note", MaxNoteLength), now);
    }

    public void Assign(SourcingStage stage, int actorId, DateTimeOffset now)
    {
        CheckStage(stage);
        stage.RequireDeciding(DeliveryRoute.Volunteers);
        if (IsAssigned)
        {
            throw new DomainException("This volunteer is already assigned.");
        }

        AssignedAt = now;
        AssignedById = actorId;
    }

    private void CheckStage(SourcingStage stage)
    {
        if (stage.SowId != SowId)
        {
            throw new DomainException("This offer belongs to another statement of work.");
        }
    }
}
