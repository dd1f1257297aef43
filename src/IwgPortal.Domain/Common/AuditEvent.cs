namespace IwgPortal.Domain.Common;

/// <summary>
/// One append-only line of the audit trail: who changed which record, when, and the before and
/// after values of its public fields. The database refuses updates and deletes of these rows.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        RecordKind = string.Empty;
        RecordId = string.Empty;
        Action = string.Empty;
        Changes = "{}";
    }

    public AuditEvent(DateTimeOffset occurredAt, int? actorId, string recordKind, string recordId, string action, string changes, bool isPublic)
    {
        OccurredAt = occurredAt;
        ActorId = actorId;
        RecordKind = recordKind;
        RecordId = recordId;
        Action = action;
        Changes = changes;
        IsPublic = isPublic;
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public int? ActorId { get; private set; }

    public string RecordKind { get; private set; }

    public string RecordId { get; private set; }

    /// <summary>created, updated, or a domain verb such as revoked.</summary>
    public string Action { get; private set; }

    /// <summary>JSON object: field name → { before, after } for public fields.</summary>
    public string Changes { get; private set; }

    /// <summary>Whether the record kind is public; private kinds (API tokens) only show to their owner.</summary>
    public bool IsPublic { get; private set; }
}
