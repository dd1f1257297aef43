using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Errors;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>One entry of an Atom feed, before it knows the address it is served from. Link is a path.</summary>
public sealed record FeedEntry(string Key, string Title, string AuthorName, DateTimeOffset Published, DateTimeOffset Updated, string Link, string? Html, string? Summary);

/// <summary>An Atom feed, before it knows the address it is served from. Paths are relative to the site root.</summary>
public sealed record FeedContent(string Key, string Title, string SelfPath, string AlternatePath, DateTimeOffset Updated, IReadOnlyList<FeedEntry> Entries);

/// <summary>The newest proposals, for feed readers.</summary>
public sealed record NewProposalsFeedQuery(int Count = NewProposalsFeedQuery.DefaultCount) : IQuery<FeedContent>
{
    public const int DefaultCount = 50;

    public const int SummaryLength = 300;
}

public sealed class NewProposalsFeedHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<NewProposalsFeedQuery, FeedContent>
{
    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().DisableHtml().Build();

    public async ValueTask<FeedContent> Handle(NewProposalsFeedQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.Proposals.AsNoTracking()
            .OrderByDescending(p => p.SubmittedAt).ThenByDescending(p => p.Id)
            .Take(query.Count)
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.Problem,
                p.SubmittedAt,
                Author = db.People.Where(a => a.Id == p.AuthorId).Select(a => a.DisplayName).First(),
            })
            .ToListAsync(cancellationToken);

        var entries = rows.Select(r => new FeedEntry(
            $"proposal/{r.Id}", r.Title, r.Author, r.SubmittedAt, r.SubmittedAt, $"/proposals/{r.Id}/{ProposalSlugs.From(r.Title)}",
            Html: null, Summary: Summary(r.Problem))).ToList();
        return new FeedContent("proposals", "IWG proposals", "/proposals/feed", "/proposals",
            entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow(), entries);
    }

    /// <summary>The problem statement as plain text, cut at a word near <see cref="NewProposalsFeedQuery.SummaryLength"/> characters.</summary>
    private static string Summary(string markdown)
    {
        var text = string.Join(' ', Markdig.Markdown.ToPlainText(markdown, PlainText).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= NewProposalsFeedQuery.SummaryLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', NewProposalsFeedQuery.SummaryLength);
        return string.Concat(text.AsSpan(0, cut > NewProposalsFeedQuery.SummaryLength / 2 ? cut : NewProposalsFeedQuery.SummaryLength), "…");
    }
}

/// <summary>What happened to one proposal: its submission, state changes with their reasons, and comments.</summary>
public sealed record ProposalActivityFeedQuery(int ProposalId) : IQuery<FeedContent>;

public sealed class ProposalActivityFeedHandler(PortalDbContext db, MarkdownRenderer markdown) : IQueryHandler<ProposalActivityFeedQuery, FeedContent>
{
    public async ValueTask<FeedContent> Handle(ProposalActivityFeedQuery query, CancellationToken cancellationToken)
    {
        var proposal = await db.Proposals.AsNoTracking()
            .Where(p => p.Id == query.ProposalId)
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.Problem,
                p.SubmittedAt,
                Author = db.People.Where(a => a.Id == p.AuthorId).Select(a => a.DisplayName).First(),
                Transitions = p.Transitions.OrderBy(t => t.Id).Select(t => new
                {
                    t.Id,
                    t.To,
                    t.Reason,
                    t.At,
                    Actor = db.People.Where(a => a.Id == t.ActorId).Select(a => a.DisplayName).First(),
                }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"There is no proposal {query.ProposalId}.");

        // A hidden comment's text never leaves the database on this path.
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.ProposalId == query.ProposalId)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.ParentId,
                c.CreatedAt,
                c.EditedAt,
                c.IsHidden,
                c.HiddenReason,
                Body = c.IsHidden ? null : c.Body,
                Author = db.People.Where(a => a.Id == c.AuthorId).Select(a => a.DisplayName).First(),
            })
            .ToListAsync(cancellationToken);

        var page = $"/proposals/{proposal.Id}/{ProposalSlugs.From(proposal.Title)}";
        var entries = new List<FeedEntry>
        {
            new($"proposal/{proposal.Id}", $"Proposed: {proposal.Title}", proposal.Author, proposal.SubmittedAt, proposal.SubmittedAt, page,
                markdown.ToHtml(proposal.Problem), Summary: null),
        };
        entries.AddRange(proposal.Transitions.Select(t => new FeedEntry(
            $"proposal/{proposal.Id}/transition/{t.Id}",
            $"{t.To.Display()}: {proposal.Title}",
            t.Actor, t.At, t.At, page,
            $"<p>{Encode(t.Actor)} moved the proposal to <strong>{Encode(t.To.Display())}</strong>.</p>" + (t.Reason.Length == 0 ? string.Empty : $"<p>{Encode(t.Reason)}</p>"),
            Summary: null)));
        entries.AddRange(comments.Select(c => c.IsHidden
            ? new FeedEntry(
                $"proposal/{proposal.Id}/comment/{c.Id}",
                $"A comment was hidden by the working group: {c.HiddenReason}",
                "Infrastructure Working Group", c.CreatedAt, c.EditedAt ?? c.CreatedAt, $"{page}#comment-{c.Id}",
                Html: null, Summary: $"A comment was hidden by the working group: {c.HiddenReason}")
            : new FeedEntry(
                $"proposal/{proposal.Id}/comment/{c.Id}",
                $"{(c.ParentId is null ? "Comment" : "Reply")} by {c.Author}",
                c.Author, c.CreatedAt, c.EditedAt ?? c.CreatedAt, $"{page}#comment-{c.Id}",
                markdown.ToHtml(c.Body), Summary: null)));

        var newestFirst = entries.OrderByDescending(e => e.Published).ThenByDescending(e => e.Key, StringComparer.Ordinal).ToList();
        return new FeedContent($"proposal/{proposal.Id}", $"Proposal {proposal.Id}: {proposal.Title}", $"/proposals/{proposal.Id}/feed", page,
            entries.Max(e => e.Updated), newestFirst);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>Writes Atom 1.0 (RFC 4287) with tag: URIs (RFC 4151) as ids.</summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The date in the tag: ids. Fixed forever, so ids stay stable.</summary>
    private const string TagDate = "2026";

    public static byte[] Write(FeedContent feed, Uri root)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, Tag(root, feed.Key));
            Text(xml, "title", feed.Title);
            xml.WriteElementString("updated", Atom, Timestamp(feed.Updated));
            Link(xml, "self", new Uri(root, feed.SelfPath), "application/atom+xml");
            Link(xml, "alternate", new Uri(root, feed.AlternatePath), "text/html");
            xml.WriteStartElement("generator", Atom);
            xml.WriteString("IWG Portal");
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, Tag(root, entry.Key));
                Text(xml, "title", entry.Title);
                xml.WriteElementString("published", Atom, Timestamp(entry.Published));
                xml.WriteElementString("updated", Atom, Timestamp(entry.Updated));
                xml.WriteStartElement("author", Atom);
                Text(xml, "name", entry.AuthorName, typed: false);
                xml.WriteEndElement();
                Link(xml, "alternate", new Uri(root, entry.Link), "text/html");
                if (entry.Summary is not null)
                {
                    Text(xml, "summary", entry.Summary);
                }

                if (entry.Html is not null)
                {
                    xml.WriteStartElement("content", Atom);
                    xml.WriteAttributeString("type", "html");
                    xml.WriteString(XmlSafe(entry.Html));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>The site root as the visitor addressed it.</summary>
    public static Uri Root(HttpRequest request) => new($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/");

    private static void Text(XmlWriter xml, string name, string value, bool typed = true)
    {
        xml.WriteStartElement(name, Atom);
        if (typed)
        {
            xml.WriteAttributeString("type", "text");
        }

        xml.WriteString(XmlSafe(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, Uri href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    private static string Tag(Uri root, string key) => $"tag:{root.IdnHost},{TagDate}:{key}";

    private static string Timestamp(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops what XML 1.0 cannot carry at all (most control characters, lone surrogates), which users can still type.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }
}

public static class ProposalFeeds
{
    public static IEndpointRouteBuilder MapProposalFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/proposals/feed", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
                Results.Bytes(AtomFeed.Write(await mediator.Send(new NewProposalsFeedQuery(), ct), AtomFeed.Root(http.Request)), AtomFeed.ContentType))
            .WithTags("Feeds")
            .WithSummary("Atom feed of the 50 newest proposals.");
        app.MapGet("/proposals/{id:int}/feed", async (HttpContext http, int id, IMediator mediator, CancellationToken ct) =>
                Results.Bytes(AtomFeed.Write(await mediator.Send(new ProposalActivityFeedQuery(id), ct), AtomFeed.Root(http.Request)), AtomFeed.ContentType))
            .WithTags("Feeds")
            .WithSummary("Atom feed of one proposal: state changes with their reasons, and comments, newest first.");
        return app;
    }
}
