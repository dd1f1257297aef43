using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IwgPortal.Web.Features.Account;

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetMyProfileQuery(), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Account")
            .WithSummary("The signed-in person and their current roles.");

        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(Policies.SignedIn).WithTags("Account");
        tokens.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListMyApiTokensQuery(), ct)))
            .WithSummary("Your personal API tokens (never their secrets).");
        tokens.MapPost("/", async Task<Created<CreatedApiToken>> (CreateApiTokenCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/tokens/{created.Id}", created);
            })
            .WithSummary("Create a token. The response is the only time its secret is shown.");
        tokens.MapDelete("/{id:int}", async (int id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiTokenCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Revoke a token. It stays listed as revoked.");
        return app;
    }
}
