using System.Text.RegularExpressions;
using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.Services;

/// <summary>One entry of the infrastructure catalogue that the working group owns.</summary>
public sealed partial class InfrastructureService : IAudited
{
    public const int MaxNameLength = 120;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxOperatorLength = 200;
    public const int MaxSlugLength = 60;

    public static string AuditKind => "service";

    private InfrastructureService()
    {
        Slug = string.Empty;
        Name = string.Empty;
        Description = string.Empty;
        Operator = string.Empty;
    }

    public InfrastructureService(string slug, ServiceKind kind, string name, string description, string @operator, string? documentationUrl)
    {
        if (!SlugPattern().IsMatch(slug ?? string.Empty) || slug!.Length > MaxSlugLength)
        {
            throw new DomainException("A slug is 1–60 lower-case letters, digits and dashes.");
        }

        Slug = slug;
        Kind = kind;
        Name = string.Empty;
        Description = string.Empty;
        Operator = string.Empty;
        Update(kind, name, description, @operator, documentationUrl);
    }

    public int Id { get; private set; }

    [Public]
    public string Slug { get; private set; }

    [Public]
    public ServiceKind Kind { get; private set; }

    [Public]
    public string Name { get; private set; }

    [Public]
    public string Description { get; private set; }

    /// <summary>Who runs it: volunteers, the working group, or a named contractor.</summary>
    [Public]
    public string Operator { get; private set; }

    [Public]
    public Uri? DocumentationUrl { get; private set; }

    public void Update(ServiceKind kind, string name, string description, string @operator, string? documentationUrl)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Unknown kind of service.");
        }

        Kind = kind;
        Name = Guard.Text(name, "Name", MaxNameLength);
        Description = Guard.Text(description, "Description", MaxDescriptionLength);
        Operator = Guard.Text(@operator, "Operator", MaxOperatorLength);
        DocumentationUrl = Guard.OptionalHttpUrl(documentationUrl, "Documentation link");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
