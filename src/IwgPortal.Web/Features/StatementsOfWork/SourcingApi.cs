using IwgPortal.Web.Features.StatementsOfWork.Sourcing;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>
/// The delivery routes of a statement of work: volunteers, bounty, request for proposals.
/// Public reads are open to anyone; confidential reads (offers, scores, ranking) decide in their
/// handlers, since they depend on the deadline, the offer's owner and declared conflicts.
/// </summary>
public static class SourcingApi
{
    public static IEndpointRouteBuilder MapSourcingApi(this IEndpointRouteBuilder app)
    {
        var sow = app.MapGroup("/api/sows/{id:int}").WithTags("Delivery routes");

        sow.MapGet("/volunteers", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListVolunteersQuery(id), ct)))
            .WithSummary("Who volunteered for the SOW and who is assigned (public).");
        sow.MapPost("/volunteers", async (int id, VolunteerInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/volunteers", new SourcingCreated(await mediator.Send(new OfferToVolunteerCommand(id, input.Note), ct))))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Volunteer for a volunteers-route SOW while it is Sourcing (signed in).");
        sow.MapPost("/volunteers/{offerId:int}/assign", async (int id, int offerId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { assigned = await mediator.Send(new AssignVolunteerCommand(id, offerId), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Assign a volunteer, while Sourcing or InDecision (working group).");

        sow.MapGet("/bounty", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetBountyQuery(id), ct)))
            .WithSummary("The bounty: its public amount and history, the applications and the selected applicant.");
        sow.MapPut("/bounty", async (int id, BountyInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new SourcingCreated(await mediator.Send(new SetBountyCommand(id, input.Amount, input.Currency), ct))))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Set the bounty's amount and currency (Draft, Published or Sourcing, before anyone applied; working group). A new amount supersedes the old one.");
        sow.MapPost("/bounty/applications", async (int id, BountyApplicationInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/bounty", new SourcingCreated(await mediator.Send(new ApplyForBountyCommand(id, input.Plan), ct))))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Apply for the bounty with a short plan while the SOW is Sourcing (signed in).");
        sow.MapPost("/bounty/applications/{applicationId:int}/select", async (int id, int applicationId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { selected = await mediator.Send(new SelectBountyApplicantCommand(id, applicationId), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Select the applicant who gets the bounty, while Sourcing or InDecision (working group).");

        sow.MapPost("/rfp", async (int id, RfpInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/rfp", new SourcingCreated(await mediator.Send(new OpenRfpCommand(id, input.Deadline, input.Criteria), ct))))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Open the request for proposals: deadline and weighted evaluation criteria (working group).");
        sow.MapGet("/rfp", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetRfpQuery(id), ct)))
            .WithSummary("The public face of the RFP: deadline, criteria, questions and answers, declared conflicts, the number of offers after the deadline, the chosen organisation.");
        sow.MapPost("/rfp/questions", async (int id, RfpQuestionInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/rfp", new SourcingCreated(await mediator.Send(new AskRfpQuestionCommand(id, input.Question), ct))))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ask a public question on the RFP before its deadline (signed in).");
        sow.MapPost("/rfp/questions/{questionId:int}/answer", async (int id, int questionId, RfpAnswerInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { answered = await mediator.Send(new AnswerRfpQuestionCommand(id, questionId, input.Answer), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Answer a question publicly, once (working group).");
        sow.MapPost("/rfp/conflicts", async (int id, RfpConflictInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/rfp", new SourcingCreated(await mediator.Send(new DeclareRfpConflictCommand(id, input.Organisation, input.Note), ct))))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Declare a conflict of interest with a bidding organisation: public and permanent; closes the offers, scores and ranking to you (working group).");
        sow.MapGet("/rfp/ranking", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetRfpRankingQuery(id), ct)))
            .RequireAuthorization(Policies.Confidential)
            .WithSummary("The weighted ranking of the offers, after the deadline (confidential: working group, board, treasurer; not the conflicted).");
        sow.MapPost("/rfp/choice", async (int id, RfpChoiceInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { organisation = await mediator.Send(new ChooseOfferCommand(id, input.OfferId), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Choose an offer after the deadline, while Sourcing or InDecision; the organisation becomes public, the price does not (working group).");

        sow.MapGet("/offers", async (int id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListOffersQuery(id), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Sealed offers: a contractor sees its own; WG, board and treasurer see all after the deadline; a conflicted member gets 403.");
        sow.MapPost("/offers", async (int id, OfferInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sows/{id}/offers", new SourcingCreated(await mediator.Send(new SubmitOfferCommand(id, input), ct))))
            .RequireAuthorization(Policies.Contractor)
            .WithSummary("Submit a sealed offer before the deadline while the SOW is Sourcing (contractor).");
        sow.MapGet("/offers/{offerId:int}", async (int id, int offerId, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetOfferQuery(id, offerId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("One offer, for its contractor, or for WG, board and treasurer after the deadline; 404 for anyone else.");
        sow.MapPut("/offers/{offerId:int}", async (int id, int offerId, OfferInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new SourcingCreated(await mediator.Send(new ReviseOfferCommand(id, offerId, input), ct))))
            .RequireAuthorization(Policies.Contractor)
            .WithSummary("Revise your offer before the deadline: answers the id of the new revision; the old offer is kept, superseded (contractor).");
        sow.MapPost("/offers/{offerId:int}/withdraw", async (int id, int offerId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { withdrawn = await mediator.Send(new WithdrawOfferCommand(id, offerId), ct) }))
            .RequireAuthorization(Policies.Contractor)
            .WithSummary("Withdraw your offer before the deadline (contractor).");
        sow.MapGet("/offers/{offerId:int}/scores", async (int id, int offerId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListOfferScoresQuery(id, offerId), ct)))
            .RequireAuthorization(Policies.Confidential)
            .WithSummary("Every score of an offer, superseded ones included (confidential, after the deadline).");
        sow.MapPut("/offers/{offerId:int}/scores", async (int id, int offerId, ScoresInput input, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { recorded = await mediator.Send(new ScoreOfferCommand(id, offerId, input.Scores), ct) }))
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Score an offer per criterion (0–10) after the deadline; a change supersedes your earlier score (working group, not conflicted).");
        return app;
    }
}

public sealed record SourcingCreated(int Id);

public sealed record VolunteerInput(string Note);

public sealed record BountyInput(decimal Amount, string Currency);

public sealed record BountyApplicationInput(string Plan);

public sealed record RfpInput(DateTimeOffset Deadline, IReadOnlyList<RfpCriterionInput> Criteria);

public sealed record RfpQuestionInput(string Question);

public sealed record RfpAnswerInput(string Answer);

public sealed record RfpConflictInput(string Organisation, string? Note);

public sealed record RfpChoiceInput(int OfferId);

public sealed record ScoresInput(IReadOnlyList<CriterionScoreInput> Scores);
