namespace IwgPortal.Domain.Common;

/// <summary>A business rule refused an action. The host turns it into 409 Conflict.</summary>
public class DomainException(string message) : Exception(message)
{
}
