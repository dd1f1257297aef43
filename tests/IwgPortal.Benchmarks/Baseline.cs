using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Hosting;
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
/// request's statements sent as one batch. No EF Core, Mediator, validation, ETags, auth, rate
/// limiting, logging or Razor. The cursor is the plain last id; the portal's is signed.
/// </summary>
internal static class Baseline
{
    public static async Task<WebApplication> StartAsync(string connectionString, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
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

        app.MapGet("/api/proposals", (NpgsqlDataSource db, string? q, string? cursor, CancellationToken ct) => ListAsync(db, q, cursor, ct));
        app.MapGet("/api/proposals/{id:int}", async (NpgsqlDataSource db, int id, CancellationToken ct) =>
            await DetailsAsync(db, id, ct) is { } details ? Results.Json(details) : Results.NotFound());
        app.MapGet("/api/proposals/{id:int}/comments", async (NpgsqlDataSource db, MarkdownRenderer markdown, int id, CancellationToken ct) =>
            await CommentsAsync(db, markdown, id, ct) is { } comments ? Results.Json(comments) : Results.NotFound());
        app.MapGet("/", (NpgsqlDataSource db, CancellationToken ct) => HomeAsync(db, ct));

        await app.StartAsync();
        return app;
    }

    private static async Task<ProposalPage> ListAsync(NpgsqlDataSource db, string? q, string? cursor, CancellationToken ct)
    {
        const int pageSize = 25;
        var searching = !string.IsNullOrWhiteSpace(q);
        var search = searching ? "p.search_vector @@ websearch_to_tsquery('english', $1)" : "TRUE";
        var cursorParameter = searching ? "$2" : "$1";
        object after = int.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : DBNull.Value;
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT p.state, count(*)::int FROM proposals p WHERE {search} GROUP BY p.state", searching ? [q!] : []));
        batch.BatchCommands.Add(Command(
            "SELECT p.id, p.title, p.state, p.changes_workflow, p.service_ids, p.comment_count, p.submitted_at, p.last_activity_at, a.login, a.display_name " +
            $"FROM proposals p JOIN people a ON a.id = p.author_id WHERE {search} AND ({cursorParameter}::int IS NULL OR p.id < {cursorParameter}) " +
            $"ORDER BY p.id DESC LIMIT {pageSize + 1}",
            searching ? [q!, after] : [after]));
        batch.BatchCommands.Add(Command("SELECT id, slug, name FROM services"));
        await using var reader = await batch.ExecuteReaderAsync(ct);

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
        var items = rows.Take(pageSize).Select(r => new ProposalItem(r.Id, ProposalSlugs.From(r.Title), r.Title, r.State, r.Login, r.Name, r.Workflow,
            [.. r.Services.Where(services.ContainsKey).Select(id => services[id])], r.Comments, r.Submitted, r.Active)).ToList();
        var next = rows.Count > pageSize ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new ProposalPage(items, next, counts);
    }

    private static async Task<ProposalDetails?> DetailsAsync(NpgsqlDataSource db, int id, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT p.id, p.title, p.problem, p.desired_outcome, p.state, p.author_id, a.login, a.display_name, p.changes_workflow, p.service_ids, p.links, " +
            "p.submitted_at, p.discussion_started_at, p.consultation_ends_at, p.decided_at, p.comment_count, p.xmin, " +
            "(SELECT count(*)::int FROM proposal_followers f WHERE f.proposal_id = p.id) " +
            "FROM proposals p JOIN people a ON a.id = p.author_id WHERE p.id = $1", id));
        batch.BatchCommands.Add(Command(
            "SELECT t.\"from\", t.\"to\", a.login, t.reason, t.at FROM proposal_transitions t JOIN people a ON a.id = t.actor_id WHERE t.proposal_id = $1 ORDER BY t.id", id));
        batch.BatchCommands.Add(Command("SELECT s.id, s.slug, s.name FROM services s JOIN proposals p ON s.id = ANY(p.service_ids) WHERE p.id = $1", id));
        await using var reader = await batch.ExecuteReaderAsync(ct);
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
            Comments = reader.GetInt32(15), Version = reader.GetFieldValue<uint>(16), Followers = reader.GetInt32(17),
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
            p.Comments, p.Followers, false, transitions, state.NextStates(), p.Version);
    }

    private static async Task<IReadOnlyList<CommentItem>?> CommentsAsync(NpgsqlDataSource db, MarkdownRenderer markdown, int id, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT 1 FROM proposals WHERE id = $1", id));
        batch.BatchCommands.Add(Command(
            "SELECT c.id, c.parent_id, a.login, a.display_name, c.created_at, c.edited_at, c.body, c.is_hidden, c.hidden_reason " +
            "FROM comments c JOIN people a ON a.id = c.author_id WHERE c.proposal_id = $1 ORDER BY c.id", id));
        batch.BatchCommands.Add(Command(
            "SELECT r.comment_id, r.written_at, r.body FROM comment_revisions r JOIN comments c ON c.id = r.comment_id WHERE c.proposal_id = $1 ORDER BY r.id", id));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        await reader.NextResultAsync(ct);
        var rows = new List<(int Id, int? Parent, string Login, string Name, DateTimeOffset Created, DateTimeOffset? Edited, string Body, bool Hidden, string? Reason)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), OptionalTime(reader, 5), reader.GetString(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
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
            return new CommentItem(c.Id, c.Parent, null, c.Login, c.Name, c.Created, c.Edited, c.Hidden ? null : c.Body, c.Hidden ? null : markdown.ToHtml(c.Body),
                c.Hidden, c.Reason, false, c.Hidden ? [] : [.. earlier[c.Id].Select(r => new CommentEdit(r.At, markdown.ToHtml(r.Body)))], children);
        }

        var indexById = rows.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return [.. rows.Where(r => r.Parent is null).Select(t => Item(indexById[t.Id], [.. replies[t.Id].Select(r => Item(indexById[r.Id], []))]))];
    }

    /// <summary>The home page's content (services, working group, recent public activity) as plain HTML.</summary>
    private static async Task<IResult> HomeAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT slug, name, operator FROM services ORDER BY kind, name"));
        batch.BatchCommands.Add(Command(
            "SELECT p.login, p.display_name, bool_or(g.role = 'Chair') FROM people p JOIN role_grants g ON g.person_id = p.id " +
            "WHERE g.role IN ('WorkingGroupMember', 'Chair') AND g.\"from\" <= now() AND (g.\"to\" IS NULL OR now() < g.\"to\") " +
            "GROUP BY p.id ORDER BY 3 DESC, p.display_name"));
        batch.BatchCommands.Add(Command(
            "SELECT a.login, e.action, e.record_kind, e.record_id, e.occurred_at FROM audit_events e LEFT JOIN people a ON a.id = e.actor_id " +
            "WHERE e.is_public ORDER BY e.id DESC LIMIT 8"));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>IWG Portal</title></head><body><h1>Infrastructure Working Group</h1>");
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
                .Append(WebUtility.HtmlEncode(reader.GetString(1))).Append(' ').Append(WebUtility.HtmlEncode(reader.GetString(2))).Append(" <code>")
                .Append(WebUtility.HtmlEncode(reader.GetString(3))).Append("</code> <time>")
                .Append(reader.GetFieldValue<DateTimeOffset>(4).ToString("u", CultureInfo.InvariantCulture)).Append("</time></li>");
        }

        html.Append("</ul></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

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
}
