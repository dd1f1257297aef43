using IwgPortal.Domain.Membership;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IwgPortal.Web.Features.Membership;

public static class MembershipApi
{
    public static IEndpointRouteBuilder MapMembershipApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People");
        people.MapGet("/", async (Role? role, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListPeopleQuery(role), ct)))
            .WithSummary("People who signed in, with their current roles; filter by role.");
        people.MapGet("/{login}", async (string login, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetPersonQuery(login), ct)))
            .WithSummary("One person and the history of their roles.");

        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapPost("/people/{id:int}/roles", async Task<Created<RoleGrantItem>> (int id, GrantRoleInput input, IMediator mediator, CancellationToken ct) =>
            {
                var grant = await mediator.Send(new GrantRoleCommand(id, input.Role, input.From, input.To), ct);
                return TypedResults.Created($"/api/admin/role-grants/{grant.Id}", grant);
            })
            .WithSummary("Grant a role for a term (admin).");
        admin.MapPost("/role-grants/{id:int}/end", async (int id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new EndRoleGrantCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("End a role grant now (admin). The grant stays on record.");
        return app;
    }
}

public sealed record GrantRoleInput(Role Role, DateTimeOffset? From, DateTimeOffset? To);
