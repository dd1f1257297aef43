using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.Proposals;

public static class ProposalsApi
{
    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapGroup("/api/proposals").WithTags("Proposals");

        proposals.MapGet("/", async (HttpContext http, ProposalState? state, string? service, bool? changesWorkflow, string? author, string? q,
                ProposalSort? sort, string? cursor, int? pageSize, IMediator mediator, CancellationToken ct) =>
                ETags.OkWithETag(http, await mediator.Send(new ListProposalsQuery(state, service, changesWorkflow, author, q, sort ?? ProposalSort.Newest, cursor, pageSize ?? 25), ct)))
            .Produces<ProposalPage>()
            .WithSummary("Proposals: filter by state, service (slug), workflow flag, author (login); full-text search with q; pass nextCursor back as cursor for the next page.");

        proposals.MapPost("/", async (HttpContext http, ProposalInput input, IMediator mediator, CancellationToken ct) =>
            {
                var key = Guid.TryParse(http.Request.Headers["Idempotency-Key"], out var k) ? k : input.SubmissionKey;
                var submitted = await mediator.Send(new SubmitProposalCommand(input.Title, input.Problem, input.DesiredOutcome, input.ChangesWorkflow, input.Services, input.Links, key), ct);
                return submitted.AlreadyExisted
                    ? Results.Ok(submitted)
                    : Results.Created($"/api/proposals/{submitted.Id}", submitted);
            })
            .RequireAuthorization(Policies.SignedIn)
            .Produces<ProposalSubmitted>(StatusCodes.Status201Created)
            .WithSummary("Propose a change. Send an Idempotency-Key header (a GUID) to make retries safe: the same key returns the first proposal (200).");

        proposals.MapGet("/{id:int}", async (HttpContext http, int id, IMediator mediator, CancellationToken ct) =>
                ETags.OkWithETag(http, await mediator.Send(new GetProposalQuery(id), ct)))
            .Produces<ProposalDetails>()
            .WithSummary("One proposal with its history. Supports If-None-Match.");

        proposals.MapPost("/{id:int}/transitions", async (int id, TransitionInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new MoveProposalCommand(id, input.To, input.Reason, input.Version), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Move a proposal: UnderDiscussion, Accepted, Declined (working group, with a public reason) or Withdrawn (its author). Send the version you saw: 409 if it changed.");

        proposals.MapPut("/{id:int}/follow", async (int id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { following = await mediator.Send(new FollowProposalCommand(id, true), ct) }))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Follow a proposal.");
        proposals.MapDelete("/{id:int}/follow", async (int id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { following = await mediator.Send(new FollowProposalCommand(id, false), ct) }))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Stop following a proposal.");

        proposals.MapCommentsApi(CommentSubject.Proposal, "proposal");
        return app;
    }
}

public sealed record ProposalInput(string Title, string Problem, string DesiredOutcome, bool ChangesWorkflow, IReadOnlyList<string>? Services, IReadOnlyList<string>? Links, Guid? SubmissionKey);

public sealed record TransitionInput(ProposalState To, string? Reason, uint? Version);
