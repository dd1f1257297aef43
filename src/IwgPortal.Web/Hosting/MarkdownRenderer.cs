using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace IwgPortal.Web.Hosting;

/// <summary>
/// Every user text goes through here: Markdig renders (raw HTML disabled), then HtmlSanitizer
/// removes anything executable that Markdown itself could still produce (e.g. javascript: links).
/// </summary>
public sealed partial class MarkdownRenderer
{
    public const int MaxInputLength = 100_000;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .UseListExtras()
        .UseAutoIdentifiers()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
                "a", "ul", "ol", "li", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "img", "input", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "src", "alt", "id", "type", "checked", "disabled", "class", "align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        _sanitizer = new HtmlSanitizer(options);
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                // User links must not pass on our reputation or get a handle on our window.
                link.SetAttribute("rel", "nofollow noopener noreferrer ugc");
            }
        };
    }

    private readonly RenderedCache _rendered = new(maxChars: 4_000_000);

    /// <summary>
    /// The same text always gives the same HTML, so it is rendered once and kept (by a hash of the
    /// text, within a bounded budget): a 500-comment thread is not rendered again on every request.
    /// </summary>
    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var key = RenderedCache.KeyOf(markdown);
        if (_rendered.TryGet(key, out var html))
        {
            return html;
        }

        html = RenderUncached(markdown);
        _rendered.Add(key, html);
        return html;
    }

    private string RenderUncached(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        LinkMentions(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return _sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>"@login" in running text links to the person's page (not inside links or code).</summary>
    private static void LinkMentions(MarkdownDocument document)
    {
        foreach (var literal in document.Descendants<LiteralInline>().ToList())
        {
            if (IsInsideLink(literal))
            {
                continue;
            }

            var text = literal.Content.ToString();
            var matches = Mention().Matches(text);
            if (matches.Count == 0)
            {
                continue;
            }

            Inline anchor = literal;
            var position = 0;
            foreach (Match match in matches)
            {
                anchor = Append(anchor, new LiteralInline(text[position..match.Index]));
                var login = match.Groups[1].Value;
                var link = new LinkInline("/people/" + login, string.Empty);
                link.AppendChild(new LiteralInline("@" + login));
                anchor = Append(anchor, link);
                position = match.Index + match.Length;
            }

            Append(anchor, new LiteralInline(text[position..]));
            literal.Remove();
        }
    }

    private static Inline Append(Inline after, Inline next)
    {
        after.InsertAfter(next);
        return next;
    }

    private static bool IsInsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline)
            {
                return true;
            }
        }

        return false;
    }

    // GitHub logins: letters, digits and single dashes, at most 39 characters; not part of an e-mail address.
    [GeneratedRegex(@"(?<![\w@/.])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\b")]
    private static partial Regex Mention();

    public IHtmlContent Render(string? markdown) => new HtmlString(ToHtml(markdown));

    /// <summary>
    /// The HTML of a text rendered before, found by the SHA-256 of the text's UTF-8 (as the database
    /// keeps it for comments), so that a reader of a long thread need not fetch the texts themselves.
    /// </summary>
    public bool TryGetRendered(ReadOnlySpan<byte> sha256, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? html)
    {
        html = null;
        return sha256.Length == 32 && _rendered.TryGet(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(sha256), out html);
    }

    /// <summary>
    /// Two generations of rendered texts: when the newer one is full it becomes the older one and the
    /// oldest is dropped, and a text found in the older one moves to the newer. An approximate LRU
    /// whose memory stays below two budgets of characters, without locks on the read path.
    /// </summary>
    private sealed class RenderedCache(int maxChars)
    {
        private readonly Lock _turn = new();
        private Generation _current = new();
        private Generation _previous = new();

        // Of the UTF-8, not of the string's UTF-16: the same hash as the database's utf8_sha256().
        public static UInt128 KeyOf(string text)
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
            try
            {
                var length = System.Text.Encoding.UTF8.GetBytes(text, rented);
                Span<byte> hash = stackalloc byte[32];
                System.Security.Cryptography.SHA256.HashData(rented.AsSpan(0, length), hash);
                return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public bool TryGet(UInt128 key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? html)
        {
            if (_current.Items.TryGetValue(key, out html))
            {
                return true;
            }

            if (_previous.Items.TryGetValue(key, out html))
            {
                Add(key, html);
                return true;
            }

            return false;
        }

        public void Add(UInt128 key, string html)
        {
            var current = _current;
            if (current.Items.TryAdd(key, html) && Interlocked.Add(ref current.Chars, html.Length) > maxChars)
            {
                lock (_turn)
                {
                    if (ReferenceEquals(current, _current))
                    {
                        _previous = current;
                        _current = new Generation();
                    }
                }
            }
        }

        private sealed class Generation
        {
            public readonly System.Collections.Concurrent.ConcurrentDictionary<UInt128, string> Items = new();
            public long Chars;
        }
    }
}
