using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace IwgPortal.Web.Hosting;

/// <summary>
/// Every user text goes through here: Markdig renders (raw HTML disabled), then HtmlSanitizer
/// removes anything executable that Markdown itself could still produce (e.g. javascript: links).
/// </summary>
public sealed class MarkdownRenderer
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

        return _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
    }

    public IHtmlContent Render(string? markdown) => new HtmlString(ToHtml(markdown));
}
