using System.Text.Json;
using System.Text.RegularExpressions;

namespace IwgPortal.Testing;

/// <summary>
/// Reads everything one client can reach: the pages found by following links from the given
/// starting points, every GET operation of the OpenAPI document with its path parameters filled
/// from known ids, and the Atom feeds. Tests put unique canary strings in confidential fields,
/// crawl as someone not entitled to them, and expect no canary anywhere. Later features add a
/// surface by linking it from a page or describing it in the OpenAPI document: it is then
/// crawled without changing the tests.
/// </summary>
public sealed partial class ConfidentialityCrawl(HttpClient client)
{
    private const int MaxPages = 600;

    // Filters and paging make endless query strings; a few variants of each page are enough.
    private const int MaxVariantsPerPath = 6;

    // Leaving or changing the session, and the third-party API viewer, are not surfaces.
    private static readonly string[] Skipped = ["/account/signout", "/account/signin", "/account/demo", "/api/docs", "/lib/", "/css/", "/js/", "/favicon"];

    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);

    /// <summary>Every address read, with what it answered (status and body).</summary>
    public IReadOnlyDictionary<string, string> Bodies => _bodies;

    public async Task<ConfidentialityCrawl> PagesAsync(params string[] startPaths)
    {
        var queue = new Queue<string>(startPaths);
        var variants = new Dictionary<string, int>(StringComparer.Ordinal);
        while (queue.Count > 0 && _bodies.Count < MaxPages)
        {
            var path = queue.Dequeue();
            if (_bodies.ContainsKey(path) || Skipped.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var withoutQuery = path.Split('?')[0];
            variants[withoutQuery] = variants.GetValueOrDefault(withoutQuery) + 1;
            if (variants[withoutQuery] > MaxVariantsPerPath)
            {
                continue;
            }

            var body = await ReadAsync(path);
            foreach (Match link in Link().Matches(body))
            {
                var target = System.Net.WebUtility.HtmlDecode(link.Groups["url"].Value).Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !_bodies.ContainsKey(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return this;
    }

    /// <summary>Every GET operation of the API, each path parameter tried with each of the given values.</summary>
    public async Task<ConfidentialityCrawl> ApiAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> parameterValues)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out _))
            {
                continue;
            }

            foreach (var concrete in Expand(path.Name, parameterValues))
            {
                if (!_bodies.ContainsKey(concrete))
                {
                    await ReadAsync(concrete);
                }
            }
        }

        return this;
    }

    /// <summary>The addresses (and what they answered) that contain the canary.</summary>
    public IReadOnlyList<string> Containing(string canary) =>
        [.. _bodies.Where(b => b.Value.Contains(canary, StringComparison.OrdinalIgnoreCase)).Select(b => b.Key)];

    private static IEnumerable<string> Expand(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var match = Parameter().Match(template);
        if (!match.Success)
        {
            yield return template;
            yield break;
        }

        var name = match.Groups["name"].Value;
        var candidates = values.TryGetValue(name, out var given) ? given : ["1"];
        foreach (var value in candidates)
        {
            var next = string.Concat(template.AsSpan(0, match.Index), value, template.AsSpan(match.Index + match.Length));
            foreach (var expanded in Expand(next, values))
            {
                yield return expanded;
            }
        }
    }

    private async Task<string> ReadAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        _bodies[path] = $"{(int)response.StatusCode} {body}";
        return body;
    }

    [GeneratedRegex("""(?:href|src|action)\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
