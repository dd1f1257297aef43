using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Caching;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Npgsql;

namespace IwgPortal.Web.Features.Proposals;

public sealed record GetProposalQuery(int Id) : IQuery<ProposalDetails>;

public sealed class GetProposalHandler(PortalDbContext db, CurrentUser user, PublicDataCache cache) : IQueryHandler<GetProposalQuery, ProposalDetails>
{
    // One statement: a proposal read is the portal's most frequent computed request. The moves come
    // back as parallel arrays (a compiled EF query with a nested collection created its shaper's
    // delegates again on every call). Authors are joined, only the columns shown are read (not the
    // search vector), and services come from the cached catalogue.
    private const string Sql = """
        SELECT p.id, p.title, p.problem, p.desired_outcome, p.state, p.author_id, a.login, a.display_name, p.changes_workflow,
               p.service_ids, p.links, p.submitted_at, p.discussion_started_at, p.consultation_ends_at, p.decided_at, p.comment_count,
               (SELECT count(*)::int FROM proposal_followers AS f WHERE f.proposal_id = p.id),
               EXISTS (SELECT 1 FROM proposal_followers AS f WHERE f.proposal_id = p.id AND f.person_id = $2),
               p.version, tr.froms, tr.tos, tr.logins, tr.reasons, tr.times
        FROM proposals AS p
        JOIN people AS a ON a.id = p.author_id
        CROSS JOIN LATERAL (
            SELECT array_agg(t."from" ORDER BY t.id) AS froms, array_agg(t."to" ORDER BY t.id) AS tos, array_agg(x.login ORDER BY t.id) AS logins,
                   array_agg(t.reason ORDER BY t.id) AS reasons, array_agg(t.at ORDER BY t.id) AS times
            FROM proposal_transitions AS t JOIN people AS x ON x.id = t.actor_id WHERE t.proposal_id = p.id) AS tr
        WHERE p.id = $1
        """;

    public async ValueTask<ProposalDetails> Handle(GetProposalQuery query, CancellationToken cancellationToken)
    {
        // No person has id 0, so an anonymous reader follows nothing.
        var p = await db.SingleRowAsync(Sql, Row.Read, cancellationToken, RawReads.Arg(query.Id), RawReads.Arg(user.PersonId ?? 0)) ?? throw new NotFoundException($"There is no proposal {query.Id}.");
        var services = (await ServiceCatalogue.ReadAsync(db, cache, cancellationToken)).Named(p.ServiceIds);
        return new ProposalDetails(p.Id, ProposalSlugs.From(p.Title), p.Title, p.Problem, p.DesiredOutcome, p.State,
            p.AuthorId, p.AuthorLogin, p.AuthorName, p.ChangesWorkflow, services, p.Links,
            p.SubmittedAt, p.DiscussionStartedAt, p.ConsultationEndsAt, p.DecidedAt, p.CommentCount, p.Followers, p.IsFollowing,
            p.Transitions, p.State.NextStates(), p.Version);
    }

    private sealed record Row(
        int Id, string Title, string Problem, string DesiredOutcome, ProposalState State, int AuthorId, string AuthorLogin, string AuthorName,
        bool ChangesWorkflow, IReadOnlyList<int> ServiceIds, IReadOnlyList<string> Links, DateTimeOffset SubmittedAt, DateTimeOffset? DiscussionStartedAt,
        DateTimeOffset? ConsultationEndsAt, DateTimeOffset? DecidedAt, int CommentCount, int Followers, bool IsFollowing, uint Version,
        List<TransitionItem> Transitions)
    {
        public static Row Read(NpgsqlDataReader r)
        {
            // An aggregate over no moves is null: a proposal still Submitted has none.
            var froms = r.Nullable<string[]>(19) ?? [];
            var tos = r.Nullable<string[]>(20);
            var logins = r.Nullable<string[]>(21);
            var reasons = r.Nullable<string[]>(22);
            var times = r.Nullable<DateTimeOffset[]>(23);
            var transitions = new List<TransitionItem>(froms.Length);
            for (var i = 0; i < froms.Length; i++)
            {
                transitions.Add(new TransitionItem(Enum.Parse<ProposalState>(froms[i]), Enum.Parse<ProposalState>(tos![i]), logins![i], reasons![i], times![i]));
            }

            return new Row(
                r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<ProposalState>(r.GetString(4)), r.GetInt32(5), r.GetString(6), r.GetString(7),
                r.GetBoolean(8), r.GetFieldValue<int[]>(9), r.GetFieldValue<string[]>(10), r.GetFieldValue<DateTimeOffset>(11), r.NullableValue<DateTimeOffset>(12),
                r.NullableValue<DateTimeOffset>(13), r.NullableValue<DateTimeOffset>(14), r.GetInt32(15), r.GetInt32(16), r.GetBoolean(17), (uint)r.GetInt32(18),
                transitions);
        }
    }
}
