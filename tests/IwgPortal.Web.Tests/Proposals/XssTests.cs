using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Proposals;

/// <summary>
/// Every vector is stored as a problem statement and as a comment; every place that shows it as HTML
/// must carry no executable markup. There is no proposal page in this tree yet, so the places are the
/// editor preview, the comments API's html and both Atom feeds.
/// </summary>
public class XssTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly string[] ForbiddenElements = ["script", "iframe", "object", "embed", "style", "meta", "base", "form", "link", "frame", "frameset"];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster", "srcset"];

    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:"];

    public static TheoryData<int, string> Vectors()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < XssCorpus.Vectors.Count; i++)
        {
            data.Add(i, XssCorpus.Vectors[i]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_is_large_and_has_no_duplicates()
    {
        XssCorpus.Vectors.Count.ShouldBeGreaterThanOrEqualTo(50);
        XssCorpus.Vectors.Distinct().Count().ShouldBe(XssCorpus.Vectors.Count);
    }

    [Theory]
    [InlineData("<p>x</p><script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\" JaVa\tScript:alert(1)\">x</a>")]
    [InlineData("<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>")]
    [InlineData("<meta http-equiv=refresh content=0>")]
    [InlineData("<button formaction=\"data:text/html,x\">x</button>")]
    public void The_check_itself_catches_executable_markup(string html)
    {
        Should.Throw<ShouldAssertException>(() => ShouldBeInert(html, "self-test"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task A_vector_stored_as_problem_and_comment_is_never_rendered_executable(int index, string vector)
    {
        using var client = await portal.CreateApiClientAsync($"xss-{index}");
        var id = await ProposalApi.SubmitAsync(client, $"XSS vector {index}", vector, desiredOutcome: vector);
        await ProposalApi.CommentAsync(client, id, vector);

        using var preview = await client.PostAsJsonAsync("/api/markdown/preview", new { text = vector });
        preview.EnsureSuccessStatusCode();
        ShouldBeInert((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("html").GetString()!, "preview");

        var threads = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}/comments");
        var comment = threads.EnumerateArray().Single();
        ShouldBeInert(comment.GetProperty("html").GetString()!, "comments API");

        var feed = XDocument.Parse(await portal.CreateClient().GetStringAsync(new Uri($"/proposals/{id}/feed", UriKind.Relative)));
        var contents = feed.Descendants(Atom + "content").Select(c => c.Value).ToList();
        contents.Count.ShouldBe(2, "the problem statement and the comment");
        foreach (var html in contents)
        {
            ShouldBeInert(html, "proposal feed");
        }

        var newest = XDocument.Parse(await portal.CreateClient().GetStringAsync(new Uri("/proposals/feed", UriKind.Relative)));
        var summary = newest.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == $"XSS vector {index}").Element(Atom + "summary")!;
        summary.Attribute("type")!.Value.ShouldBe("text", "a text summary is never interpreted as HTML");
    }

    private static void ShouldBeInert(string html, string where)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            var name = element.LocalName.ToLowerInvariant();
            ForbiddenElements.ShouldNotContain(name, $"{where}: <{name}> in {html}");
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                attributeName.ShouldNotStartWith("on", customMessage: $"{where}: event handler {attributeName} in {html}");
                if (UrlAttributes.Contains(attributeName) || UrlAttributes.Contains(attribute.LocalName.ToLowerInvariant()))
                {
                    var value = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
                    DangerousSchemes.ShouldNotContain(s => value.StartsWith(s, StringComparison.Ordinal), $"{where}: {attributeName}=\"{attribute.Value}\" in {html}");
                }
            }
        }
    }
}
