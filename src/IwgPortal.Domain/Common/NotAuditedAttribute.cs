namespace IwgPortal.Domain.Common;

/// <summary>Bookkeeping fields (e.g. a token's last use) whose changes are not state changes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute
{
}
