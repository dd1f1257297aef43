using IwgPortal.Domain.Services;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.Services;

public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/services").WithTags("Services");
        services.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListServicesQuery(), ct)))
            .WithSummary("The infrastructure catalogue.");
        services.MapGet("/{slug}", async (string slug, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetServiceQuery(slug), ct)))
            .WithSummary("One service. Its version is needed to update it.");
        services.MapPut("/{slug}", async (string slug, UpdateServiceInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateServiceCommand(slug, input.Kind, input.Name, input.Description, input.Operator, input.DocumentationUrl, input.Version), ct)))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Update a service (working group). 409 if it changed since the version you send.");
        return app;
    }
}

public sealed record UpdateServiceInput(ServiceKind Kind, string Name, string Description, string Operator, string? DocumentationUrl, uint Version);
