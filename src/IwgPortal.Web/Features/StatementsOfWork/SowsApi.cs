using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork;

public static class SowsApi
{
    public static IEndpointRouteBuilder MapSowsApi(this IEndpointRouteBuilder app)
    {
        var sows = app.MapGroup("/api/sows").WithTags("Statements of work");
        sows.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListSowsQuery(), ct)))
            .WithSummary("Published statements of work (and, for the working group, unpublished drafts).");
        sows.MapPost("/", async (CreateSowInput input, IMediator mediator, CancellationToken ct) =>
            {
                var id = await mediator.Send(new CreateSowCommand(input.ProposalIds, input.Title), ct);
                return TypedResults.Created($"/api/sows/{id}", new { id });
            })
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Start a statement of work from accepted proposals (working group).");
        sows.MapGet("/{id:int}", async (HttpContext http, int id, IMediator mediator, CancellationToken ct) => ETags.OkWithETag(http, await mediator.Send(new GetSowQuery(id), ct)))
            .Produces<SowDetails>()
            .WithSummary("One statement of work: its latest published text and revisions; the draft and its version for the working group.");
        sows.MapPut("/{id:int}/draft", async (int id, SaveDraftInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { version = await mediator.Send(new SaveSowDraftCommand(id, input.Content, input.Version), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Save the draft. Send the version you started from: 409 if another member saved meanwhile.");
        sows.MapPost("/{id:int}/publish", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new PublishSowCommand(id), ct)))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Publish the draft as the next immutable revision (409 with what is missing if it is incomplete).");
        sows.MapPost("/{id:int}/transitions", async (int id, SowTransitionInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { state = await mediator.Send(new MoveSowCommand(id, input.To, input.Reason), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Move to Sourcing or InDecision, back to Draft (reason required) or Cancelled (reason required).");
        sows.MapGet("/{id:int}/revisions/{number:int}", async (HttpContext http, int id, int number, IMediator mediator, CancellationToken ct) =>
                ETags.OkWithETag(http, await mediator.Send(new GetSowRevisionQuery(id, number), ct)))
            .Produces<SowRevisionDetails>()
            .WithSummary("A published revision, frozen, with its SHA-256.");
        sows.MapGet("/{id:int}/diff", async (int id, int from, int to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CompareSowRevisionsQuery(id, from, to), ct)))
            .WithSummary("Compare two revisions: per section, work items and criteria by key, text word by word.");
        sows.MapCommentsApi(CommentSubject.Sow, "published statement of work (each comment remembers the revision it was written on)");
        return app;
    }
}

public sealed record CreateSowInput(IReadOnlyList<int> ProposalIds, string Title);

public sealed record SaveDraftInput(SowContent Content, uint Version);

public sealed record SowTransitionInput(SowState To, string? Reason);
