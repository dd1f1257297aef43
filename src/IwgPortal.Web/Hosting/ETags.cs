using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IwgPortal.Web.Hosting;

/// <summary>
/// Conditional GETs for API reads: the ETag is a hash of the JSON the client would receive, so
/// any change to what they see changes it, and an unchanged resource costs a 304 and no body.
/// </summary>
public static class ETags
{
    public static IResult OkWithETag<T>(HttpContext context, T value)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var json = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(json), 0, 16).TrimEnd('=') + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(json, "application/json");
    }
}
