using System.Net;
using System.Text;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace IwgPortal.Benchmarks;

/// <summary>
/// The statements of work, as the public sees them: an SOW's details, the diff of two revisions
/// (JSON) and the compare page (plain HTML). Each is one batch: the revisions' stored JSON read
/// with the portal's own converter (<see cref="SowJson"/>), compared with the domain's
/// <see cref="SowDiff"/>, so the ratio compares data access and framework, not the diff.
/// </summary>
internal static partial class Baseline
{
    private static void MapSows(WebApplication app)
    {
        app.MapGet("/api/sows/{id:int}", (HttpRequest request, NpgsqlDataSource db, int id, CancellationToken ct) =>
            AnswerAsync(db, request, (batch, _) => AddSow(batch, id), async (reader, _) => await ReadSowAsync(reader, id, ct) is { } sow ? Results.Json(sow) : Results.NotFound(), ct));
        app.MapGet("/api/sows/{id:int}/diff", (HttpRequest request, NpgsqlDataSource db, int id, int from, int to, CancellationToken ct) =>
            AnswerAsync(
                db,
                request,
                (batch, _) => batch.BatchCommands.Add(Command("SELECT number, content FROM sow_revisions WHERE sow_id = $1 AND number IN ($2, $3)", id, from, to)),
                async (reader, _) =>
                {
                    var texts = new Dictionary<int, SowContent>();
                    while (await reader.ReadAsync(ct))
                    {
                        texts[reader.GetInt32(0)] = SowJson.ReadRevision(reader.GetString(1));
                    }

                    return texts.TryGetValue(from, out var a) && texts.TryGetValue(to, out var b) ? Results.Json(SowDiff.Compare(a, b)) : Results.NotFound();
                },
                ct));

        // Every revision's number (for the form), the two compared texts and the latest title, in one statement.
        app.MapGet("/sows/{id:int}/compare", (HttpRequest request, NpgsqlDataSource db, int id, int from, int to, CancellationToken ct) =>
            AnswerAsync(
                db,
                request,
                (batch, _) => batch.BatchCommands.Add(Command(
                    "SELECT r.number, CASE WHEN r.number IN ($2, $3) THEN r.content END, CASE WHEN r.number = max(r.number) OVER () THEN r.content ->> 'title' END " +
                    "FROM sow_revisions r WHERE r.sow_id = $1 ORDER BY r.number", id, from, to)),
                async (reader, caller) =>
                {
                    var numbers = new List<int>();
                    var texts = new Dictionary<int, SowContent>();
                    var title = string.Empty;
                    while (await reader.ReadAsync(ct))
                    {
                        numbers.Add(reader.GetInt32(0));
                        if (!reader.IsDBNull(1))
                        {
                            texts[reader.GetInt32(0)] = SowJson.ReadRevision(reader.GetString(1));
                        }

                        title = reader.IsDBNull(2) ? title : reader.GetString(2);
                    }

                    if (numbers.Count == 0)
                    {
                        return Results.NotFound();
                    }

                    return from != to && texts.TryGetValue(from, out var a) && texts.TryGetValue(to, out var b)
                        ? ComparePage(id, title, numbers, from, to, SowDiff.Compare(a, b), caller)
                        : Results.BadRequest("Choose two different revisions by number.");
                },
                ct));
    }

    /// <summary>An SOW's state, its revisions (the latest with its text), its proposals and its transitions, with the logins of who did what.</summary>
    private static void AddSow(NpgsqlBatch batch, int id)
    {
        batch.BatchCommands.Add(Command("SELECT state FROM statements_of_work WHERE id = $1", id));
        batch.BatchCommands.Add(Command(
            "SELECT r.number, r.sha256, coalesce(a.login, '?'), r.published_at, CASE WHEN r.number = max(r.number) OVER () THEN r.content END " +
            "FROM sow_revisions r LEFT JOIN people a ON a.id = r.published_by_id WHERE r.sow_id = $1 ORDER BY r.number", id));
        batch.BatchCommands.Add(Command(
            "SELECT p.id, p.title, p.changes_workflow, p.consultation_ends_at FROM statements_of_work s JOIN proposals p ON p.id = ANY(s.proposal_ids) WHERE s.id = $1 ORDER BY p.id", id));
        batch.BatchCommands.Add(Command(
            "SELECT t.\"from\", t.\"to\", coalesce(a.login, '?'), t.reason, t.at FROM sow_transitions t LEFT JOIN people a ON a.id = t.actor_id WHERE t.sow_id = $1 ORDER BY t.id", id));
    }

    /// <summary>As the portal answers a reader outside the working group: never published is not found; no draft, no version.</summary>
    private static async Task<SowDetails?> ReadSowAsync(NpgsqlDataReader reader, int id, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var state = Enum.Parse<SowState>(reader.GetString(0));
        await reader.NextResultAsync(ct);
        var revisions = new List<SowRevisionItem>();
        SowContent? latest = null;
        while (await reader.ReadAsync(ct))
        {
            revisions.Add(new SowRevisionItem(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            latest = reader.IsDBNull(4) ? latest : SowJson.ReadRevision(reader.GetString(4));
        }

        if (latest is null)
        {
            return null;
        }

        await reader.NextResultAsync(ct);
        var proposals = new List<SowProposalRef>();
        while (await reader.ReadAsync(ct))
        {
            proposals.Add(new SowProposalRef(reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2), OptionalTime(reader, 3)));
        }

        await reader.NextResultAsync(ct);
        var transitions = new List<SowTransitionItem>();
        while (await reader.ReadAsync(ct))
        {
            transitions.Add(new SowTransitionItem(Enum.Parse<SowState>(reader.GetString(0)), Enum.Parse<SowState>(reader.GetString(1)), reader.GetString(2),
                reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return new SowDetails(id, latest.Title, state, proposals, revisions, latest, null, null, null, transitions, state.NextStates(), null);
    }

    /// <summary>An SOW built on a proposal, as its page lists it (published ones only, for a reader outside the working group).</summary>
    private sealed record ProposalSow(int Id, string Title, SowState State);

    private static void AddProposalSows(NpgsqlBatch batch, int proposalId) =>
        batch.BatchCommands.Add(Command(
            "SELECT s.id, (SELECT r.content ->> 'title' FROM sow_revisions r WHERE r.sow_id = s.id ORDER BY r.number DESC LIMIT 1) AS title, s.state " +
            "FROM statements_of_work s WHERE $1 = ANY(s.proposal_ids) AND EXISTS (SELECT 1 FROM sow_revisions r WHERE r.sow_id = s.id) ORDER BY s.id", proposalId));

    private static async Task<IReadOnlyList<ProposalSow>> ReadProposalSowsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var sows = new List<ProposalSow>();
        while (await reader.ReadAsync(ct))
        {
            sows.Add(new ProposalSow(reader.GetInt32(0), reader.GetString(1), Enum.Parse<SowState>(reader.GetString(2))));
        }

        return sows;
    }

    private static StringBuilder SowBadge(StringBuilder html, SowState state) =>
        html.Append("<span class=\"badge state sow-state-").Append(state.ToString().ToLowerInvariant()).Append("\">").Append(state.Display()).Append("</span>");

    /// <summary>
    /// The compare page's content as plain HTML, row for row as the portal's: the form to pick two
    /// revisions, what is unchanged, each changed section word by word, and the work items and
    /// objectives (changed fields, changed criteria) when any of them changed.
    /// </summary>
    private static IResult ComparePage(int id, string title, IReadOnlyList<int> numbers, int from, int to, SowComparison c, Caller caller)
    {
        var html = Open(title + " · changes", caller)
            .Append("<p class=\"crumbs\"><a href=\"/sows\">Statements of work</a> › <a href=\"/sows/").Append(Number(id)).Append("\">SOW #").Append(Number(id))
            .Append("</a> › Compare</p><h1>What changed in “").Append(WebUtility.HtmlEncode(title)).Append("”</h1><form method=\"get\" class=\"filters compare-form\">");
        foreach (var (name, selected) in (ReadOnlySpan<(string, int)>)[("from", from), ("to", to)])
        {
            html.Append("<select name=\"").Append(name).Append("\">");
            foreach (var n in numbers)
            {
                html.Append("<option value=\"").Append(Number(n)).Append(n == selected ? "\" selected>" : "\">").Append(Number(n)).Append("</option>");
            }

            html.Append("</select>");
        }

        html.Append("<button type=\"submit\">Compare</button></form><p class=\"lead\">From <a href=\"/sows/").Append(Number(id)).Append("/revisions/").Append(Number(from))
            .Append("\">revision ").Append(Number(from)).Append("</a> to <a href=\"/sows/").Append(Number(id)).Append("/revisions/").Append(Number(to))
            .Append("\">revision ").Append(Number(to)).Append("</a>. <span class=\"legend\"><ins>added words</ins> <del>removed words</del></span></p>");
        if (!c.HasChanges)
        {
            html.Append("<p class=\"note\">The two revisions are the same.</p>");
        }

        var itemsChanged = c.WorkItems.Any(w => w.Kind != ChangeKind.Unchanged);
        var objectivesChanged = c.Objectives.Any(o => o.Kind != ChangeKind.Unchanged);
        var unchanged = c.Sections.Where(s => s.Kind == ChangeKind.Unchanged).Select(s => s.Section.ToLowerInvariant()).ToList();
        if (!itemsChanged)
        {
            unchanged.Add("work items");
        }

        if (!objectivesChanged)
        {
            unchanged.Add("service level objectives");
        }

        html.Append("<div class=\"diff\">");
        if (unchanged.Count > 0)
        {
            html.Append("<p class=\"muted unchanged-list\">Unchanged: ").Append(WebUtility.HtmlEncode(string.Join(", ", unchanged))).Append(".</p>");
        }

        foreach (var part in c.Sections.Where(s => s.Kind != ChangeKind.Unchanged))
        {
            var kind = part.Kind.ToString().ToLowerInvariant();
            html.Append("<section class=\"diff-section\" aria-label=\"").Append(WebUtility.HtmlEncode(part.Section)).Append("\"><h2>").Append(WebUtility.HtmlEncode(part.Section))
                .Append(" <span class=\"change-label change-").Append(kind).Append("\">").Append(kind).Append("</span></h2><p class=\"words\">");
            Words(html, part).Append("</p></section>");
        }

        foreach (var (heading, items, changed) in (ReadOnlySpan<(string, IReadOnlyList<ItemDiff>, bool)>)[("Work items", c.WorkItems, itemsChanged), ("Service level objectives", c.Objectives, objectivesChanged)])
        {
            if (changed)
            {
                html.Append("<section class=\"diff-section\" aria-label=\"").Append(heading).Append("\"><h2>").Append(heading).Append("</h2>");
                foreach (var item in items)
                {
                    Item(html, item);
                }

                html.Append("</section>");
            }
        }

        return Close(html.Append("</div>"));
    }

    /// <summary>One work item, criterion or objective: its head, its changed fields, and its changed children.</summary>
    private static void Item(StringBuilder html, ItemDiff item)
    {
        var kind = item.Kind.ToString().ToLowerInvariant();
        html.Append("<div class=\"item-diff diff-").Append(kind).Append("\"><p class=\"item-diff-head\"><span class=\"key\">").Append(WebUtility.HtmlEncode(item.Key))
            .Append("</span> <strong>").Append(WebUtility.HtmlEncode(item.Label)).Append("</strong> <span class=\"change-label change-").Append(kind).Append("\">").Append(kind).Append("</span></p>");
        if (item.Kind != ChangeKind.Unchanged)
        {
            html.Append("<dl class=\"changes\">");
            foreach (var field in item.Fields.Where(f => (f.Kind != ChangeKind.Unchanged || item.Kind == ChangeKind.Changed) && f.Words.Count > 0))
            {
                html.Append("<dt>").Append(WebUtility.HtmlEncode(field.Section)).Append("</dt><dd class=\"words\">");
                Words(html, field).Append("</dd>");
            }

            html.Append("</dl>");
        }

        if (item.Children.Any(k => k.Kind != ChangeKind.Unchanged))
        {
            html.Append("<div class=\"item-children\">");
            foreach (var child in item.Children.Where(k => k.Kind != ChangeKind.Unchanged))
            {
                Item(html, child);
            }

            html.Append("</div>");
        }

        html.Append("</div>");
    }

    /// <summary>Word runs as kept text, &lt;ins&gt; and &lt;del&gt;, as the portal's SowLinks.Words writes them.</summary>
    private static StringBuilder Words(StringBuilder html, TextDiff diff)
    {
        for (var i = 0; i < diff.Words.Count; i++)
        {
            var run = diff.Words[i];
            var tag = run.Kind switch
            {
                ChangeKind.Added => "ins",
                ChangeKind.Removed => "del",
                _ => "span",
            };
            html.Append(i > 0 ? " <" : "<").Append(tag).Append('>').Append(WebUtility.HtmlEncode(run.Text)).Append("</").Append(tag).Append('>');
        }

        return html;
    }
}
