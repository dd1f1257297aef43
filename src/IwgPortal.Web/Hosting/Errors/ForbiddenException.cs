namespace IwgPortal.Web.Hosting.Errors;

/// <summary>Signed in, but this person's roles or relation to the record do not allow the action.</summary>
public sealed class ForbiddenException(string message) : Exception(message)
{
}
