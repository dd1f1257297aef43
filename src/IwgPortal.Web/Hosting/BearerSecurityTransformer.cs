using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IwgPortal.Web.Hosting;

/// <summary>Tells API clients (and the docs' "try it") to send a personal API token as a Bearer token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "IWG Portal API";
        document.Info.Description = "Everything the portal shows, as JSON. Reads of public records need no sign-in; " +
            "writes need a personal API token (create one under Account → API tokens) sent as `Authorization: Bearer iwg_…`. " +
            "Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token, e.g. iwg_…",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
