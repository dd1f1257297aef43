using System.Text.Json;
using IwgPortal.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Audit;

/// <summary>The public history of one record, oldest first; or the latest public events of all records.</summary>
public sealed record GetAuditTrailQuery(string? Kind = null, string? RecordId = null, long? Before = null, int Limit = 50) : IQuery<IReadOnlyList<AuditItem>>;

public sealed record AuditItem(long Id, DateTimeOffset OccurredAt, string? Actor, string Kind, string RecordId, string Action, IReadOnlyList<AuditChange> Changes);

public sealed record AuditChange(string Field, string? Before, string? After, bool ValueHidden);

public sealed class GetAuditTrailHandler(PortalDbContext db) : IQueryHandler<GetAuditTrailQuery, IReadOnlyList<AuditItem>>
{
    public async ValueTask<IReadOnlyList<AuditItem>> Handle(GetAuditTrailQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking().Where(e => e.IsPublic);
        if (query.Kind is not null)
        {
            events = events.Where(e => e.RecordKind == query.Kind);
        }

        if (query.RecordId is not null)
        {
            events = events.Where(e => e.RecordId == query.RecordId);
        }

        if (query.Before is not null)
        {
            events = events.Where(e => e.Id < query.Before);
        }

        var single = query.RecordId is not null;
        var rows = await (single ? events.OrderBy(e => e.Id) : events.OrderByDescending(e => e.Id))
            .Take(Math.Clamp(query.Limit, 1, 200))
            .Select(e => new
            {
                e.Id,
                e.OccurredAt,
                Actor = db.People.Where(p => p.Id == e.ActorId).Select(p => p.Login).FirstOrDefault(),
                e.RecordKind,
                e.RecordId,
                e.Action,
                e.Changes,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AuditItem(r.Id, r.OccurredAt, r.Actor, r.RecordKind, r.RecordId, r.Action, ParseChanges(r.Changes)))];
    }

    private static List<AuditChange> ParseChanges(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var changes = new List<AuditChange>();
        foreach (var field in doc.RootElement.EnumerateObject())
        {
            if (field.Value.TryGetProperty("changed", out _))
            {
                changes.Add(new AuditChange(field.Name, null, null, ValueHidden: true));
                continue;
            }

            changes.Add(new AuditChange(field.Name, Text(field.Value, "before"), Text(field.Value, "after"), ValueHidden: false));
        }

        return changes;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? kind, string? recordId, long? before, int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAuditTrailQuery(kind, recordId, before, limit ?? 50), ct)))
            .WithTags("Audit")
            .WithSummary("The public audit trail: latest first, or one record's history oldest first. Page with before=<id>.");
        return app;
    }
}
