namespace IwgPortal.Domain.Common;

/// <summary>An entity whose every change writes an audit event.</summary>
public interface IAudited
{
    /// <summary>The kind of record as shown in the audit trail, e.g. "service".</summary>
    static abstract string AuditKind { get; }

    /// <summary>Whether anyone may read this kind's audit events (values of [Public] fields only).</summary>
    static virtual bool AuditIsPublic => true;
}
