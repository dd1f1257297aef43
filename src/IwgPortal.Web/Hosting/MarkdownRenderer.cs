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

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

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
}
