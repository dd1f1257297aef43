using FluentValidation;
using IwgPortal.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Hosting.Errors;

/// <summary>
/// The one place where exceptions become answers: RFC 9457 problem details on the API, and the
/// same status with an error page for browsers. Pages use <see cref="AddTo"/> to show the same
/// messages next to the fields.
/// </summary>
public static class ProblemMapping
{
    public const string DuplicateMessage = "This conflicts with a record that already exists; someone may have just done the same.";

    public const string ConcurrencyMessage = "Someone else changed this record while you were editing it. Reload to see their change, then apply yours again.";

    public const string SimultaneousMessage = "Someone else was saving a change to the same records at the same moment, so yours was not saved. Reload and try again.";

    public static int StatusFor(Exception exception) => exception switch
    {
        // PostgreSQL broke a deadlock or a serialisation conflict by aborting this transaction, as it
        // does when two requests insert rows that an exclusion constraint makes conflict: nothing of
        // it was saved, and the other request went through.
        _ when IsSimultaneousWrite(exception) => StatusCodes.Status409Conflict,

        ValidationException => StatusCodes.Status400BadRequest,

        // Text PostgreSQL cannot store (a NUL character, invalid UTF-8) came from the client.
        Npgsql.PostgresException { SqlState: "22021" or "22P05" } => StatusCodes.Status400BadRequest,
        DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "22021" or "22P05" } } => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        NotFoundException => StatusCodes.Status404NotFound,
        UnauthorizedAccessException => StatusCodes.Status401Unauthorized,
        ForbiddenException => StatusCodes.Status403Forbidden,
        DomainException or DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" or "23P01" } } => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails ToProblem(Exception exception)
    {
        var status = StatusFor(exception);
        return exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(
                v.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = status,
                Title = "The request has invalid fields.",
            },
            DbUpdateConcurrencyException => new ProblemDetails { Status = status, Title = "Conflict", Detail = ConcurrencyMessage },
            _ when IsSimultaneousWrite(exception) => new ProblemDetails { Status = status, Title = "Conflict", Detail = SimultaneousMessage },
            DbUpdateException when status == StatusCodes.Status409Conflict => new ProblemDetails { Status = status, Title = "Conflict", Detail = DuplicateMessage },
            BadHttpRequestException => new ProblemDetails { Status = status, Title = "Bad request", Detail = "The request could not be read: check its JSON and parameters." },
            Npgsql.PostgresException or DbUpdateException when status == StatusCodes.Status400BadRequest =>
                new ProblemDetails { Status = status, Title = "Bad request", Detail = "The text contains characters that cannot be stored (such as NUL)." },
            _ when status == StatusCodes.Status500InternalServerError => new ProblemDetails { Status = status, Title = "Something went wrong on our side." },
            _ => new ProblemDetails { Status = status, Title = ReasonFor(status), Detail = exception.Message },
        };
    }

    /// <summary>The error messages a page shows next to one field.</summary>
    public static IEnumerable<string> ErrorsFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    /// <summary>Adds the exception's messages to a page's model state; false if it is not a user error.</summary>
    public static bool AddTo(this ModelStateDictionary modelState, Exception exception, string prefix = "Input")
    {
        switch (exception)
        {
            case ValidationException v:
                foreach (var error in v.Errors)
                {
                    modelState.AddModelError(string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
                }

                return true;
            case DbUpdateConcurrencyException:
                modelState.AddModelError(string.Empty, ConcurrencyMessage);
                return true;
            case Exception when IsSimultaneousWrite(exception):
                modelState.AddModelError(string.Empty, SimultaneousMessage);
                return true;
            case DbUpdateException when StatusFor(exception) == StatusCodes.Status409Conflict:
                modelState.AddModelError(string.Empty, DuplicateMessage);
                return true;
            case DomainException or ForbiddenException or NotFoundException:
                modelState.AddModelError(string.Empty, exception.Message);
                return true;
            default:
                return false;
        }
    }

    // Npgsql's default execution strategy wraps the DbUpdateException that wraps PostgreSQL's error
    // in an InvalidOperationException ("likely due to a transient failure"), so the chain is walked.
    private static bool IsSimultaneousWrite(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }

        return false;
    }

    private static string ReasonFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        _ => "Error",
    };
}

/// <summary>Writes problem details for API requests; browsers get the error page.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = ProblemMapping.StatusFor(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        // By now the request path is the error page's; the original path says whether this was an API call.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Written as problem JSON whatever the Accept header says: API clients get one format for errors.
        var problem = ProblemMapping.ToProblem(exception);
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = status;
        await Results.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }
}
