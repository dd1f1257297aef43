using FluentValidation;
using IwgPortal.Domain.Services;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Services;

/// <summary>
/// A working-group member edits a catalogue entry. Version is the one they started from: if
/// someone saved in between, the update is refused (409) instead of silently overwriting.
/// </summary>
public sealed record UpdateServiceCommand(string Slug, ServiceKind Kind, string Name, string Description, string Operator, string? DocumentationUrl, uint Version)
    : ICommand<ServiceDetails>;

public sealed class UpdateServiceValidator : AbstractValidator<UpdateServiceCommand>
{
    public UpdateServiceValidator()
    {
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose one of the ten kinds of service.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("A service needs a name.").MaximumLength(InfrastructureService.MaxNameLength);
        RuleFor(c => c.Description).NotEmpty().WithMessage("Describe what the service is for.").MaximumLength(InfrastructureService.MaxDescriptionLength);
        RuleFor(c => c.Operator).NotEmpty().WithMessage("Say who operates it: volunteers, the working group or a contractor.")
            .MaximumLength(InfrastructureService.MaxOperatorLength);
        RuleFor(c => c.DocumentationUrl)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .When(c => !string.IsNullOrWhiteSpace(c.DocumentationUrl))
            .WithMessage("The documentation link must be an absolute http(s) URL.");
    }
}

public sealed class UpdateServiceHandler(PortalDbContext db, ISender sender) : ICommandHandler<UpdateServiceCommand, ServiceDetails>
{
    public async ValueTask<ServiceDetails> Handle(UpdateServiceCommand command, CancellationToken cancellationToken)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Slug == command.Slug, cancellationToken)
            ?? throw new NotFoundException($"There is no service '{command.Slug}'.");
        db.Entry(service).Property<uint>("xmin").OriginalValue = command.Version;
        service.Update(command.Kind, command.Name, command.Description, command.Operator, command.DocumentationUrl);
        await db.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetServiceQuery(command.Slug), cancellationToken);
    }
}
