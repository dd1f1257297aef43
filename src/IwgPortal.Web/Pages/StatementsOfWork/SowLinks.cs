using System.Text.Encodings.Web;
using IwgPortal.Domain.StatementsOfWork;
using Microsoft.AspNetCore.Html;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>The addresses of the SOW pages (pages.md), in one place.</summary>
public static class SowLinks
{
    public static string For(int id) => $"/sows/{id}";

    public static string Edit(int id) => $"/sows/{id}/edit";

    public static string Revision(int id, int number) => $"/sows/{id}/revisions/{number}";

    public static string Compare(int id, int from, int to) => $"/sows/{id}/compare?from={from}&to={to}";

    /// <summary>The localStorage key of the editor's copy; the layout's draft-clear marker uses it too.</summary>
    public static string DraftKey(int id) => $"sow-{id}";

    /// <summary>Word runs as kept text, &lt;ins&gt; and &lt;del&gt;, without stray white space (the text keeps its own line breaks).</summary>
    public static IHtmlContent Words(TextDiff diff) => new WordRuns(diff.Words);

    /// <summary>Written straight to the page: a comparison has hundreds of runs, and no string is built for them.</summary>
    private sealed class WordRuns(IReadOnlyList<WordRun> runs) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var tag = runs[i].Kind switch
                {
                    ChangeKind.Added => "ins",
                    ChangeKind.Removed => "del",
                    _ => "span",
                };
                writer.Write(i == 0 ? "<" : " <");
                writer.Write(tag);
                writer.Write('>');
                encoder.Encode(writer, runs[i].Text);
                writer.Write("</");
                writer.Write(tag);
                writer.Write('>');
            }
        }
    }

    /// <summary>A frozen revision shown with the names of the services it names.</summary>
    public static SowContentView View(SowContent content, IReadOnlyDictionary<string, string> serviceNames) => new(content, serviceNames);
}

public sealed record SowContentView(SowContent Content, IReadOnlyDictionary<string, string> ServiceNames)
{
    public string ServiceName(string? slug) => slug is null ? "—" : ServiceNames.GetValueOrDefault(slug, slug);
}
