namespace IwgPortal.Domain.Common;

/// <summary>
/// Marks a property whose value may appear in the public audit trail (before/after).
/// Properties without it are recorded by name only, so confidential values never leak.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublicAttribute : Attribute
{
}
