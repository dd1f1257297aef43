using FluentValidation;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.Markdown;

/// <summary>The editors' live preview: the exact HTML the portal will show for this text.</summary>
public sealed record PreviewMarkdownCommand(string Text) : ICommand<MarkdownPreview>;

public sealed record MarkdownPreview(string Html);

public sealed class PreviewMarkdownValidator : AbstractValidator<PreviewMarkdownCommand>
{
    public PreviewMarkdownValidator()
    {
        RuleFor(c => c.Text).NotNull().MaximumLength(MarkdownRenderer.MaxInputLength);
    }
}

public sealed class PreviewMarkdownHandler(MarkdownRenderer renderer) : ICommandHandler<PreviewMarkdownCommand, MarkdownPreview>
{
    public ValueTask<MarkdownPreview> Handle(PreviewMarkdownCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new MarkdownPreview(renderer.ToHtml(command.Text)));
}

public static class MarkdownApi
{
    public static IEndpointRouteBuilder MapMarkdownApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/markdown/preview", async (PreviewMarkdownCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Markdown")
            .WithSummary("Render Markdown exactly as the portal will show it (sanitised HTML).");
        return app;
    }
}
