using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Pages.Proposals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IwgPortal.Benchmarks;

/// <summary>
/// What the portal's reads cost without the framework on top: the same URLs and the same JSON
/// shapes (the portal's own records), answered by hand-written SQL on one NpgsqlDataSource, each
/// request's statements sent as one batch. No EF Core, Mediator, validation, ETags, rate limiting,
/// logging or Razor. Authentication is one statement in that batch: a request with a Bearer token
/// looks the token up by its hash, as the portal does for every request that carries one. The
/// cursor is the plain last id; the portal's is signed.
/// </summary>
internal static partial class Baseline
{
    private const int PageSize = 25;

    public static async Task<WebApplication> StartAsync(string connectionString, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // The portal's own connection settings (prepared statements kept across checkouts), so the
        // ratio compares the two stacks, not two ways of talking to PostgreSQL.
        builder.Services.AddSingleton(NpgsqlDataSource.Create(IwgPortal.Web.Data.PortalConnection.Tune(connectionString)));
        builder.Services.AddSingleton<MarkdownRenderer>();
        var app = builder.Build();

        // No error pages here: a failing baseline query must say why, or the comparison is void.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync(ex.ToString());
            }
        });

        app.MapGet("/api/proposals", (HttpRequest request, NpgsqlDataSource db, string? q, string? cursor, CancellationToken ct) =>
            AnswerAsync(db, request, (batch, _) => AddList(batch, q, cursor), async (reader, _) => Results.Json((await ReadListAsync(reader, ct)).Page), ct));
        app.MapGet("/api/proposals/{id:int}", (HttpRequest request, NpgsqlDataSource db, int id, CancellationToken ct) =>
            AnswerAsync(db, request, (batch, token) => AddDetails(batch, id, token),
                async (reader, _) => await ReadDetailsAsync(reader, ct) is { } details ? Results.Json(details) : Results.NotFound(), ct));
        app.MapGet("/api/proposals/{id:int}/comments", (HttpRequest request, NpgsqlDataSource db, MarkdownRenderer markdown, int id, CancellationToken ct) =>
            AnswerAsync(
                db,
                request,
                (batch, _) =>
                {
                    batch.BatchCommands.Add(Command("SELECT 1 FROM proposals WHERE id = $1", id));
                    AddComments(batch, id);
                },
                async (reader, caller) =>
                {
                    if (!await reader.ReadAsync(ct))
                    {
                        return Results.NotFound();
                    }

                    await reader.NextResultAsync(ct);
                    return Results.Json(await ReadCommentsAsync(reader, markdown, caller, ct));
                },
                ct));
        app.MapGet("/", (HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
            AnswerAsync(db, request, (batch, _) => AddHome(batch), (reader, caller) => HomeAsync(reader, caller, ct), ct));
        app.MapGet("/proposals", (HttpRequest request, NpgsqlDataSource db, string? cursor, CancellationToken ct) =>
            AnswerAsync(db, request, (batch, _) => AddList(batch, null, cursor), async (reader, caller) => ListPage(await ReadListAsync(reader, ct), caller), ct));

        // The slug is the portal's canonical tail; the baseline answers any, the harness asks for the canonical one.
        app.MapGet("/proposals/{id:int}/{slug?}", (HttpRequest request, NpgsqlDataSource db, MarkdownRenderer markdown, int id, CancellationToken ct) =>
            AnswerAsync(
                db,
                request,
                (batch, token) =>
                {
                    AddDetails(batch, id, token);
                    AddComments(batch, id);
                    AddProposalSows(batch, id);
                },
                async (reader, caller) =>
                {
                    if (await ReadDetailsAsync(reader, ct) is not { } details)
                    {
                        return Results.NotFound();
                    }

                    await reader.NextResultAsync(ct);
                    var threads = await ReadCommentsAsync(reader, markdown, caller, ct);
                    await reader.NextResultAsync(ct);
                    return DetailPage(details, threads, await ReadProposalSowsAsync(reader, ct), markdown, caller);
                },
                ct));

        MapSows(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// One request's statements in one batch, led by the token lookup when the request carries a
    /// Bearer token (the portal authenticates every such request). An unknown, expired or revoked
    /// token is answered 401.
    /// </summary>
    private static async Task<IResult> AnswerAsync(
        NpgsqlDataSource db, HttpRequest request, Action<NpgsqlBatch, BearerToken?> statements, Func<NpgsqlDataReader, Caller, Task<IResult>> read, CancellationToken ct)
    {
        var token = BearerToken.From(request);
        await using var batch = db.CreateBatch();
        if (token is not null)
        {
            batch.BatchCommands.Add(Command(
                "SELECT t.person_id, a.display_name FROM api_tokens t JOIN people a ON a.id = t.person_id " +
                "WHERE t.hash = $1::bpchar AND t.revoked_at IS NULL AND now() < t.expires_at", token.Hash));
        }

        statements(batch, token);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var caller = Caller.Anonymous;
        if (token is not null)
        {
            if (!await reader.ReadAsync(ct))
            {
                return Results.Unauthorized();
            }

            caller = new Caller(reader.GetInt32(0), reader.GetString(1));
            await reader.NextResultAsync(ct);
        }

        return await read(reader, caller);
    }

    private static void AddList(NpgsqlBatch batch, string? q, string? cursor)
    {
        var searching = !string.IsNullOrWhiteSpace(q);
        var search = searching ? "p.search_vector @@ websearch_to_tsquery('english', $1)" : "TRUE";
        var cursorParameter = searching ? "$2" : "$1";
        object after = int.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : DBNull.Value;
        batch.BatchCommands.Add(Command($"SELECT p.state, count(*)::int FROM proposals p WHERE {search} GROUP BY p.state", searching ? [q!] : []));
        batch.BatchCommands.Add(Command(
            "SELECT p.id, p.title, p.state, p.changes_workflow, p.service_ids, p.comment_count, p.submitted_at, p.last_activity_at, a.login, a.display_name " +
            $"FROM proposals p JOIN people a ON a.id = p.author_id WHERE {search} AND ({cursorParameter}::int IS NULL OR p.id < {cursorParameter}) " +
            $"ORDER BY p.id DESC LIMIT {PageSize + 1}",
            searching ? [q!, after] : [after]));
        batch.BatchCommands.Add(Command("SELECT id, slug, name FROM services"));
    }

    /// <summary>A list page and every service (the list page offers them as a filter).</summary>
    private sealed record ListRows(ProposalPage Page, IReadOnlyDictionary<int, ServiceRef> Services);

    private static async Task<ListRows> ReadListAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var counts = new Dictionary<ProposalState, int>();
        while (await reader.ReadAsync(ct))
        {
            counts[Enum.Parse<ProposalState>(reader.GetString(0))] = reader.GetInt32(1);
        }

        await reader.NextResultAsync(ct);
        var rows = new List<(int Id, string Title, ProposalState State, bool Workflow, int[] Services, int Comments, DateTimeOffset Submitted, DateTimeOffset Active, string Login, string Name)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), Enum.Parse<ProposalState>(reader.GetString(2)), reader.GetBoolean(3), reader.GetFieldValue<int[]>(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8), reader.GetString(9)));
        }

        await reader.NextResultAsync(ct);
        var services = await ReadServicesAsync(reader, ct);
        var items = rows.Take(PageSize).Select(r => new ProposalItem(r.Id, ProposalSlugs.From(r.Title), r.Title, r.State, r.Login, r.Name, r.Workflow,
            [.. r.Services.Where(services.ContainsKey).Select(id => services[id])], r.Comments, r.Submitted, r.Active)).ToList();
        var next = rows.Count > PageSize ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new ListRows(new ProposalPage(items, next, counts), services);
    }

    /// <summary>The proposal, its transitions and its services; whether the caller follows it only when there is a caller.</summary>
    private static void AddDetails(NpgsqlBatch batch, int id, BearerToken? token)
    {
        var following = token is null
            ? "FALSE"
            : "EXISTS (SELECT 1 FROM proposal_followers f JOIN api_tokens t ON t.person_id = f.person_id WHERE f.proposal_id = p.id AND t.hash = $2::bpchar)";
        batch.BatchCommands.Add(Command(
            "SELECT p.id, p.title, p.problem, p.desired_outcome, p.state, p.author_id, a.login, a.display_name, p.changes_workflow, p.service_ids, p.links, " +
            "p.submitted_at, p.discussion_started_at, p.consultation_ends_at, p.decided_at, p.comment_count, p.xmin, " +
            $"(SELECT count(*)::int FROM proposal_followers f WHERE f.proposal_id = p.id), {following} " +
            "FROM proposals p JOIN people a ON a.id = p.author_id WHERE p.id = $1",
            token is null ? [id] : [id, token.Hash]));
        batch.BatchCommands.Add(Command(
            "SELECT t.\"from\", t.\"to\", a.login, t.reason, t.at FROM proposal_transitions t JOIN people a ON a.id = t.actor_id WHERE t.proposal_id = $1 ORDER BY t.id", id));
        batch.BatchCommands.Add(Command("SELECT s.id, s.slug, s.name FROM services s JOIN proposals p ON s.id = ANY(p.service_ids) WHERE p.id = $1", id));
    }

    private static async Task<ProposalDetails?> ReadDetailsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var state = Enum.Parse<ProposalState>(reader.GetString(4));
        var serviceIds = reader.GetFieldValue<int[]>(9);
        var p = new
        {
            Id = reader.GetInt32(0), Title = reader.GetString(1), Problem = reader.GetString(2), Outcome = reader.GetString(3), AuthorId = reader.GetInt32(5),
            Login = reader.GetString(6), Name = reader.GetString(7), Workflow = reader.GetBoolean(8), Links = reader.GetFieldValue<string[]>(10),
            Submitted = reader.GetFieldValue<DateTimeOffset>(11), Discussion = OptionalTime(reader, 12), Consultation = OptionalTime(reader, 13), Decided = OptionalTime(reader, 14),
            Comments = reader.GetInt32(15), Version = reader.GetFieldValue<uint>(16), Followers = reader.GetInt32(17), Following = reader.GetBoolean(18),
        };
        await reader.NextResultAsync(ct);
        var transitions = new List<TransitionItem>();
        while (await reader.ReadAsync(ct))
        {
            transitions.Add(new TransitionItem(Enum.Parse<ProposalState>(reader.GetString(0)), Enum.Parse<ProposalState>(reader.GetString(1)),
                reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        await reader.NextResultAsync(ct);
        var services = await ReadServicesAsync(reader, ct);
        return new ProposalDetails(p.Id, ProposalSlugs.From(p.Title), p.Title, p.Problem, p.Outcome, state, p.AuthorId, p.Login, p.Name, p.Workflow,
            [.. serviceIds.Where(services.ContainsKey).Select(s => services[s])], p.Links, p.Submitted, p.Discussion, p.Consultation, p.Decided,
            p.Comments, p.Followers, p.Following, transitions, state.NextStates(), p.Version);
    }

    /// <summary>A thread's comments and their earlier versions (two result sets).</summary>
    private static void AddComments(NpgsqlBatch batch, int id)
    {
        batch.BatchCommands.Add(Command(
            "SELECT c.id, c.parent_id, a.login, a.display_name, c.created_at, c.edited_at, c.body, c.is_hidden, c.hidden_reason, c.author_id " +
            "FROM comments c JOIN people a ON a.id = c.author_id WHERE c.proposal_id = $1 ORDER BY c.id", id));
        batch.BatchCommands.Add(Command(
            "SELECT r.comment_id, r.written_at, r.body FROM comment_revisions r JOIN comments c ON c.id = r.comment_id WHERE c.proposal_id = $1 ORDER BY r.id", id));
    }

    /// <summary>Threads as the portal shapes them for this caller: their own comments are theirs, and a hidden text is shown to its author only.</summary>
    private static async Task<IReadOnlyList<CommentItem>> ReadCommentsAsync(NpgsqlDataReader reader, MarkdownRenderer markdown, Caller caller, CancellationToken ct)
    {
        var rows = new List<(int Id, int? Parent, string Login, string Name, DateTimeOffset Created, DateTimeOffset? Edited, string Body, bool Hidden, string? Reason, int Author)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), OptionalTime(reader, 5), reader.GetString(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetInt32(9)));
        }

        await reader.NextResultAsync(ct);
        var revisions = new List<(int CommentId, DateTimeOffset At, string Body)>();
        while (await reader.ReadAsync(ct))
        {
            revisions.Add((reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }

        var earlier = revisions.ToLookup(r => r.CommentId);
        var replies = rows.Where(r => r.Parent is not null).ToLookup(r => r.Parent!.Value);
        CommentItem Item(int index, IReadOnlyList<CommentItem> children)
        {
            var c = rows[index];
            var mine = c.Author == caller.PersonId;
            var visible = !c.Hidden || mine;
            return new CommentItem(c.Id, c.Parent, null, c.Login, c.Name, c.Created, c.Edited, visible ? c.Body : null, visible ? markdown.ToHtml(c.Body) : null,
                c.Hidden, c.Reason, mine, visible ? [.. earlier[c.Id].Select(r => new CommentEdit(r.At, markdown.ToHtml(r.Body)))] : [], children);
        }

        var indexById = rows.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return [.. rows.Where(r => r.Parent is null).Select(t => Item(indexById[t.Id], [.. replies[t.Id].Select(r => Item(indexById[r.Id], []))]))];
    }

    private static void AddHome(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(Command("SELECT slug, name, operator FROM services ORDER BY kind, name"));
        batch.BatchCommands.Add(Command(
            "SELECT p.login, p.display_name, bool_or(g.role = 'Chair') FROM people p JOIN role_grants g ON g.person_id = p.id " +
            "WHERE g.role IN ('WorkingGroupMember', 'Chair') AND g.\"from\" <= now() AND (g.\"to\" IS NULL OR now() < g.\"to\") " +
            "GROUP BY p.id ORDER BY 3 DESC, p.display_name"));
        batch.BatchCommands.Add(Command(
            "SELECT a.login, e.action, e.record_kind, e.record_id, e.occurred_at FROM audit_events e LEFT JOIN people a ON a.id = e.actor_id " +
            "WHERE e.is_public ORDER BY e.id DESC LIMIT 8"));
    }

    /// <summary>The home page's content (services, working group, recent public activity) as plain HTML.</summary>
    private static async Task<IResult> HomeAsync(NpgsqlDataReader reader, Caller caller, CancellationToken ct)
    {
        var html = Open("IWG Portal", caller).Append("<h1>Infrastructure Working Group</h1>");
        html.Append("<table><thead><tr><th>Service</th><th>Operated by</th></tr></thead><tbody>");
        while (await reader.ReadAsync(ct))
        {
            html.Append("<tr><td><a href=\"/services/").Append(WebUtility.HtmlEncode(reader.GetString(0))).Append("\">")
                .Append(WebUtility.HtmlEncode(reader.GetString(1))).Append("</a></td><td>").Append(WebUtility.HtmlEncode(reader.GetString(2))).Append("</td></tr>");
        }

        html.Append("</tbody></table><ul class=\"people\">");
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            html.Append("<li><a href=\"/people/").Append(WebUtility.HtmlEncode(reader.GetString(0))).Append("\">").Append(WebUtility.HtmlEncode(reader.GetString(1)))
                .Append("</a>").Append(reader.GetBoolean(2) ? " <span class=\"badge\">Chair</span>" : string.Empty).Append("</li>");
        }

        html.Append("</ul><ul class=\"activity\">");
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            html.Append("<li><strong>").Append(WebUtility.HtmlEncode(reader.IsDBNull(0) ? "The portal" : reader.GetString(0))).Append("</strong> ")
                .Append(WebUtility.HtmlEncode(reader.GetString(1))).Append(' ').Append(WebUtility.HtmlEncode(Display.RecordKind(reader.GetString(2)))).Append(" #")
                .Append(WebUtility.HtmlEncode(reader.GetString(3))).Append(' ');
            Time(html, reader.GetFieldValue<DateTimeOffset>(4)).Append("</li>");
        }

        return Close(html.Append("</ul>"));
    }

    /// <summary>The proposal list page's content as plain HTML: the service filter, the tabs with counts per state, the rows and the next-page link.</summary>
    private static IResult ListPage(ListRows list, Caller caller)
    {
        var page = list.Page;
        var html = Open("Proposals", caller).Append("<h1>Proposals</h1><form method=\"get\" action=\"/proposals\"><select name=\"service\"><option value=\"\">Any service</option>");
        foreach (var service in list.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(service.Slug)).Append("\">").Append(WebUtility.HtmlEncode(service.Name)).Append("</option>");
        }

        html.Append("</select></form><ul class=\"tabs\"><li><a href=\"/proposals\">All ").Append(Number(page.CountByState.Values.Sum())).Append("</a></li>");
        foreach (var state in Enum.GetValues<ProposalState>())
        {
            html.Append("<li><a href=\"/proposals?state=").Append(state.ToString()).Append("\">").Append(state.Display()).Append(' ')
                .Append(Number(page.CountByState.GetValueOrDefault(state))).Append("</a></li>");
        }

        html.Append("</ul><table class=\"proposals\"><thead><tr><th>Proposal</th><th>State</th><th>Services</th><th>Comments</th><th>Submitted</th><th>Last activity</th></tr></thead><tbody>");
        foreach (var p in page.Items)
        {
            html.Append("<tr><td><a class=\"title\" href=\"").Append(WebUtility.HtmlEncode(ProposalLinks.For(p.Id, p.Slug))).Append("\">").Append(WebUtility.HtmlEncode(p.Title))
                .Append("</a> #").Append(Number(p.Id)).Append(" by <a href=\"/people/").Append(WebUtility.HtmlEncode(p.AuthorLogin)).Append("\">")
                .Append(WebUtility.HtmlEncode(p.AuthorName)).Append("</a>").Append(p.ChangesWorkflow ? " · changes workflows" : string.Empty)
                .Append("</td><td>").Append(p.State.Display()).Append("</td><td>");
            Services(html, p.Services).Append("</td><td>").Append(Number(p.CommentCount)).Append("</td><td>");
            Time(html, p.SubmittedAt).Append("</td><td>");
            Time(html, p.LastActivityAt).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (page.NextCursor is { } next)
        {
            html.Append("<p><a rel=\"next\" href=\"/proposals?cursor=").Append(Uri.EscapeDataString(next)).Append("\">Next page</a></p>");
        }

        return Close(html);
    }

    /// <summary>
    /// The proposal page's content as plain HTML: the record (problem and outcome rendered from
    /// Markdown), its facts, and the timeline of transitions and threads in the order they happened.
    /// </summary>
    private static IResult DetailPage(ProposalDetails p, IReadOnlyList<CommentItem> threads, IReadOnlyList<ProposalSow> sows, MarkdownRenderer markdown, Caller caller)
    {
        var html = Open(p.Title, caller).Append("<p><a href=\"/proposals\">Proposals</a> › #").Append(Number(p.Id)).Append("</p><article><h1>")
            .Append(WebUtility.HtmlEncode(p.Title)).Append("</h1><span class=\"badge\">").Append(p.State.Display()).Append("</span>")
            .Append("<h2>Problem</h2>").Append(markdown.ToHtml(p.Problem)).Append("<h2>Desired outcome</h2>").Append(markdown.ToHtml(p.DesiredOutcome))
            .Append("<dl><dt>Author</dt><dd><a href=\"/people/").Append(WebUtility.HtmlEncode(p.AuthorLogin)).Append("\">").Append(WebUtility.HtmlEncode(p.AuthorName))
            .Append("</a></dd><dt>Submitted</dt><dd>");
        Time(html, p.SubmittedAt).Append("</dd>");
        if (p.DecidedAt is { } decided)
        {
            html.Append("<dt>").Append(p.State.Display()).Append("</dt><dd>");
            Time(html, decided).Append("</dd>");
        }

        html.Append("<dt>Services</dt><dd>");
        Services(html, p.Services).Append("</dd><dt>Workflows</dt><dd>").Append(p.ChangesWorkflow ? "Significant change" : "No significant change").Append("</dd>");
        if (p.ConsultationEndsAt is { } ends)
        {
            html.Append("<dt>Consultation</dt><dd>");
            Time(html, ends).Append("</dd>");
        }

        if (sows.Count > 0)
        {
            html.Append("<dt>Statements of work</dt><dd><ul class=\"plain\">");
            foreach (var sow in sows)
            {
                html.Append("<li><a href=\"/sows/").Append(Number(sow.Id)).Append("\">").Append(WebUtility.HtmlEncode(sow.Title)).Append("</a> ");
                SowBadge(html, sow.State).Append("</li>");
            }

            html.Append("</ul></dd>");
        }

        html.Append("<dt>Followers</dt><dd>").Append(Number(p.FollowerCount)).Append("</dd>");
        foreach (var link in p.Links)
        {
            html.Append("<dt>Link</dt><dd><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\" rel=\"noopener nofollow ugc\">").Append(WebUtility.HtmlEncode(link)).Append("</a></dd>");
        }

        html.Append("</dl></article><ol class=\"timeline\"><li><a href=\"/people/").Append(WebUtility.HtmlEncode(p.AuthorLogin)).Append("\">")
            .Append(WebUtility.HtmlEncode(p.AuthorLogin)).Append("</a> proposed this ");
        Time(html, p.SubmittedAt).Append("</li>");

        // As the portal's timeline: by time, a transition before a thread started at the same instant.
        var timeline = p.Transitions.Select(t => (t.At, Transition: (TransitionItem?)t, Thread: (CommentItem?)null))
            .Concat(threads.Select(c => (At: c.CreatedAt, Transition: (TransitionItem?)null, Thread: (CommentItem?)c)))
            .OrderBy(e => e.At);
        foreach (var (_, transition, thread) in timeline)
        {
            if (transition is not null)
            {
                html.Append("<li><a href=\"/people/").Append(WebUtility.HtmlEncode(transition.ActorLogin)).Append("\">").Append(WebUtility.HtmlEncode(transition.ActorLogin))
                    .Append("</a> moved it from ").Append(transition.From.Display()).Append(" to ").Append(transition.To.Display()).Append(' ');
                Time(html, transition.At);
                if (transition.Reason.Length > 0)
                {
                    html.Append("<blockquote>").Append(WebUtility.HtmlEncode(transition.Reason)).Append("</blockquote>");
                }

                html.Append("</li>");
            }
            else if (thread is not null)
            {
                Comment(html.Append("<li>"), p.Id, thread);
                if (thread.Replies.Count > 0)
                {
                    html.Append("<ol class=\"replies\">");
                    foreach (var reply in thread.Replies)
                    {
                        Comment(html.Append("<li>"), p.Id, reply).Append("</li>");
                    }

                    html.Append("</ol>");
                }

                html.Append("</li>");
            }
        }

        return Close(html.Append("</ol>"));
    }

    /// <summary>One comment as the portal's page shows it to this caller: a hidden one with its reason (and its text to its author), earlier versions folded.</summary>
    private static StringBuilder Comment(StringBuilder html, int proposalId, CommentItem c)
    {
        html.Append("<article class=\"comment\" id=\"comment-").Append(Number(c.Id)).Append("\"><header><a href=\"/people/").Append(WebUtility.HtmlEncode(c.AuthorLogin))
            .Append("\"><strong>").Append(WebUtility.HtmlEncode(c.AuthorName)).Append("</strong></a> @").Append(WebUtility.HtmlEncode(c.AuthorLogin)).Append(' ');
        Time(html, c.CreatedAt);
        if (c.EditedAt is { } edited)
        {
            Time(html.Append(" · edited "), edited);
        }

        if (c.IsMine && !c.IsHidden)
        {
            html.Append(" <a href=\"/proposals/").Append(Number(proposalId)).Append("/comments/").Append(Number(c.Id)).Append("/edit\">Edit</a>");
        }

        html.Append("</header>");
        if (c.IsHidden)
        {
            html.Append("<p>Hidden by the working group: ").Append(WebUtility.HtmlEncode(c.HiddenReason ?? string.Empty)).Append("</p>");
        }

        if (c.Html is not null)
        {
            html.Append("<div class=\"prose\">").Append(c.Html).Append("</div>");
        }

        if (c.EarlierVersions.Count > 0)
        {
            html.Append("<details><summary>Earlier versions (").Append(Number(c.EarlierVersions.Count)).Append(")</summary><ol>");
            foreach (var version in c.EarlierVersions)
            {
                Time(html.Append("<li>Written "), version.WrittenAt).Append("<div class=\"prose\">").Append(version.Html).Append("</div></li>");
            }

            html.Append("</ol></details>");
        }

        return html.Append("</article>");
    }

    private static StringBuilder Services(StringBuilder html, IReadOnlyList<ServiceRef> services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            html.Append(i > 0 ? ", " : string.Empty).Append("<a href=\"/services/").Append(WebUtility.HtmlEncode(services[i].Slug)).Append("\">")
                .Append(WebUtility.HtmlEncode(services[i].Name)).Append("</a>");
        }

        return services.Count == 0 ? html.Append('—') : html;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The start of a page; a signed-in caller is named in it, as the portal's layout does.</summary>
    private static StringBuilder Open(string title, Caller caller)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body>");
        if (caller.Name is { } name)
        {
            html.Append("<p class=\"me\">Signed in as ").Append(WebUtility.HtmlEncode(name)).Append("</p>");
        }

        return html;
    }

    private static IResult Close(StringBuilder html) => Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");

    private static StringBuilder Time(StringBuilder html, DateTimeOffset at) =>
        html.Append("<time datetime=\"").Append(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append(at.ToString("u", CultureInfo.InvariantCulture)).Append("</time>");

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return command;
    }

    private static DateTimeOffset? OptionalTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task<Dictionary<int, ServiceRef>> ReadServicesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var services = new Dictionary<int, ServiceRef>();
        while (await reader.ReadAsync(ct))
        {
            services[reader.GetInt32(0)] = new ServiceRef(reader.GetString(1), reader.GetString(2));
        }

        return services;
    }

    /// <summary>Who asks: nobody, or the person behind a Bearer token.</summary>
    private sealed record Caller(int? PersonId, string? Name)
    {
        public static Caller Anonymous { get; } = new(null, null);
    }

    /// <summary>A request's Bearer token as the portal stores it: the SHA-256 of the secret (api_tokens.hash).</summary>
    private sealed record BearerToken(string Hash)
    {
        public static BearerToken? From(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? new BearerToken(ApiToken.HashOf(header["Bearer ".Length..].Trim())) : null;
        }
    }
}
