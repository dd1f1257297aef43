using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using IwgPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IwgPortal.Web.Data;

/// <summary>Turns tracked changes of <see cref="IAudited"/> entities into audit events.</summary>
internal static class AuditTrail
{
    private static readonly ConcurrentDictionary<Type, AuditShape> Shapes = new();

    public static List<PendingAudit> Collect(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var pending = new List<PendingAudit>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IAudited || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var shape = Shapes.GetOrAdd(entry.Entity.GetType(), AuditShape.Of);
            var changes = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsShadowProperty() || shape.NotAudited.Contains(name) || property.Metadata.IsPrimaryKey())
                {
                    continue;
                }

                var changed = entry.State is EntityState.Added or EntityState.Deleted || property.IsModified;
                if (!changed || (entry.State == EntityState.Modified && Equals(property.OriginalValue, property.CurrentValue)))
                {
                    continue;
                }

                var before = entry.State == EntityState.Added ? null : property.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                changes[Camel(name)] = shape.Public.Contains(name)
                    ? new { before = Plain(before), after = Plain(after) }
                    : new { changed = true };
            }

            if (changes.Count == 0)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            pending.Add(new PendingAudit(entry, shape, action, JsonSerializer.Serialize(changes)));
        }

        return pending;
    }

    private static object? Plain(object? value) => value switch
    {
        Enum e => e.ToString(),
        Uri u => u.ToString(),
        _ => value,
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    internal sealed record AuditShape(string Kind, bool IsPublic, HashSet<string> Public, HashSet<string> NotAudited)
    {
        public static AuditShape Of(Type type)
        {
            var kind = type.GetProperty(nameof(IAudited.AuditKind), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
                ?? type.Name.ToLowerInvariant();
            var isPublic = type.GetProperty(nameof(IAudited.AuditIsPublic), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as bool? ?? true;
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            return new AuditShape(
                kind,
                isPublic,
                [.. properties.Where(p => p.IsDefined(typeof(PublicAttribute))).Select(p => p.Name)],
                [.. properties.Where(p => p.IsDefined(typeof(NotAuditedAttribute))).Select(p => p.Name)]);
        }
    }

    internal sealed record PendingAudit(EntityEntry Entry, AuditShape Shape, string Action, string Changes)
    {
        public AuditEvent ToEvent(DateTimeOffset now, int? actorId)
        {
            var key = Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue);
            return new AuditEvent(now, actorId, Shape.Kind, string.Join('/', key), Action, Changes, Shape.IsPublic);
        }
    }
}
