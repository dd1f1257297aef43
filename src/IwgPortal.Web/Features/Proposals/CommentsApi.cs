using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>The same comment endpoints under every subject that can be discussed (proposals, statements of work).</summary>
public static class CommentsApi
{
    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder subjects, Func<int, CommentSubject> subjectOf, string noun)
    {
        subjects.MapGet("/{id:int}/comments", async (HttpContext http, int id, IMediator mediator, CancellationToken ct) =>
                ETags.OkWithETag(http, await mediator.Send(new ListCommentsQuery(subjectOf(id)), ct)))
            .Produces<IReadOnlyList<CommentItem>>()
            .WithSummary($"The comment threads of a {noun}. Hidden comments show their reason; their text only to their author.");
        subjects.MapPost("/{id:int}/comments", async (HttpContext http, int id, CommentInput input, IMediator mediator, CancellationToken ct) =>
            {
                var commentId = await mediator.Send(new AddCommentCommand(subjectOf(id), input.Body, input.ReplyTo), ct);
                return TypedResults.Created($"{http.Request.Path}/{commentId}", new { id = commentId });
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary($"Comment on a {noun}, or reply to a top-level comment with replyTo. Markdown; mentions as @login.");
        subjects.MapPut("/{id:int}/comments/{commentId:int}", async (int id, int commentId, CommentInput input, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new EditCommentCommand(subjectOf(id), commentId, input.Body), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Edit your own comment. The earlier text stays in its history.");
        subjects.MapPost("/{id:int}/comments/{commentId:int}/hide", async (int id, int commentId, HideInput input, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new HideCommentCommand(subjectOf(id), commentId, input.Reason), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.WorkingGroup)
            .WithSummary("Hide an abusive comment with a public reason (working group). It is never deleted.");
        return subjects;
    }
}

public sealed record CommentInput(string Body, int? ReplyTo);

public sealed record HideInput(string Reason);
