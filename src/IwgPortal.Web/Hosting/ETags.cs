using System.Buffers;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IwgPortal.Web.Hosting;

/// <summary>
/// Conditional GETs for API reads: the ETag is a hash of the JSON the client would receive, so
/// any change to what they see changes it, and an unchanged resource costs a 304 and no body.
/// The hash is XXH128, not SHA-256: an ETag only tells one version of an answer from another, for the
/// reader who already holds it, and guards nothing. SHA-256 (OpenSSL, with its per-call set-up) cost
/// 2–3 % of a short read's CPU and 0.3 ms on a 500-comment thread; XXH128 is a small fraction of that.
/// </summary>
public static class ETags
{
    public static IResult OkWithETag<T>(HttpContext context, T value)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        // Serialised into pooled memory, not a new array: a 500-comment thread is half a megabyte,
        // and an array of that size per request went to the large-object heap and kept the GC busy.
        var json = new PooledBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true }))
            {
                JsonSerializer.Serialize(writer, value, options);
            }

            var etag = "\"" + Convert.ToBase64String(XxHash128.Hash(json.WrittenSpan)).TrimEnd('=') + "\"";
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
            if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            {
                json.Dispose();
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return new JsonBody(json);
        }
        catch
        {
            json.Dispose();
            throw;
        }
    }

    /// <summary>Writes the serialised JSON, then gives its memory back to the pool.</summary>
    private sealed class JsonBody(PooledBuffer json) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (json)
            {
                httpContext.Response.ContentType = "application/json";
                httpContext.Response.ContentLength = json.WrittenCount;
                await httpContext.Response.Body.WriteAsync(json.WrittenMemory, httpContext.RequestAborted);
            }
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over one array from <see cref="ArrayPool{T}.Shared"/>, doubled as it fills.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

        public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(WrittenCount);
        }

        public void Dispose()
        {
            var array = Interlocked.Exchange(ref _array, []);
            if (array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }

        private void Ensure(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
