namespace IwgPortal.Web.Hosting.Errors;

/// <summary>The record does not exist, or the acting person may not know that it does.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
}
