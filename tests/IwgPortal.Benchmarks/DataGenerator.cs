using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IwgPortal.Domain.Tokens;
using Npgsql;
using NpgsqlTypes;

namespace IwgPortal.Benchmarks;

/// <summary>
/// How much data a run loads, and how hard and how long it pushes. <paramref name="MetricsApartMs"/>:
/// the least time between two reads of the portal's /metrics (its exporter answers reads less than
/// 300 ms apart from one copy), so one allocation sample takes at least that long.
/// <paramref name="Rounds"/>: the measured <paramref name="DurationSeconds"/> of each side are split into
/// that many runs, the portal's and the baseline's alternating, so that both are measured over the same
/// stretch of the machine's time (see <c>Interleaved</c>). <paramref name="StopWrkAfterMs"/>: when set, each
/// wrk run is interrupted after that long (wrk takes whole seconds only, and prints its figures for the time run).
/// </summary>
internal sealed record Scale(
    string Name, int People, int Proposals, int Comments, int HotProposals, int HotMinComments, int Sows,
    int Threads, int Connections, int WarmUpSeconds, int DurationSeconds, int DeepPages, int SqlSampleRequests, int MetricsApartMs,
    bool LoadsTogether = false, int Rounds = 1, int StopWrkAfterMs = 0)
{
    /// <summary>
    /// Checks that the harness works: every scenario in both passes, each wrk run stopped after a quarter
    /// of a second, no warm-up, the portal and the baseline loaded at the same time (its figures measure nothing anyway).
    /// </summary>
    public static Scale Small { get; } = new("small", 100, 1_000, 10_000, 2, 520, 20, 2, 16, 0, 1, 2_000, 5, 400, LoadsTogether: true, StopWrkAfterMs: 250);

    /// <summary>The measurement the targets refer to: keep its settings, or its figures stop being comparable.</summary>
    public static Scale Large { get; } = new("large", 2_000, 100_000, 1_000_000, 100, 500, 2_000, 2, 16, 3, 10, 2_000, 20, 1_000, Rounds: 5);
}

/// <summary>
/// What the generator wrote that the scenarios need to know. The SOW scenarios use <paramref name="SowId"/>,
/// a typical one of those with the most revisions (<paramref name="SowRevisions"/>, its latest text
/// <paramref name="SowKb"/> KB of JSON).
/// </summary>
internal sealed record GeneratedData(
    int TypicalProposalId, int TypicalCommentCount, int HotProposalId, int HotCommentCount, string SearchWord, int SearchHits,
    int SowCount, int SowRevisionCount, int SowId, int SowRevisions, int SowKb);

/// <summary>The API client of the token pass: a person who holds no role, and the secret of their personal token.</summary>
internal sealed record TokenHolder(int PersonId, string Login, string Secret);

/// <summary>
/// Deterministic data (one seeded <see cref="Random"/>) loaded with binary COPY. Proposal ids grow
/// with their submission time; comments are interleaved over time across proposals, so a thread's
/// rows are spread over the table as they would be in production.
/// </summary>
internal static partial class DataGenerator
{
    public const string SearchWord = "mirror";

    private static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = Now.AddYears(-3);

    private static readonly string[] Verbs = ["Move", "Replace", "Upgrade", "Document", "Retire", "Split", "Automate", "Secure", "Monitor", "Consolidate", "Speed up", "Fund"];
    private static readonly string[] Things =
    [
        "the buildbot workers", "the release pipeline", "pre-merge testing", "the issue labels", "the triage rotation", "the docs site",
        "the download mirror", "the forum single sign-on", "the Discord bridge", "the commit mailing list", "the CMake presets",
        "the review bots", "code owners", "the nightly packages", "the website theme", "the ARM64 builders", "the Windows builders",
        "the package mirror", "the backup jobs", "the DNS zone",
    ];

    private static readonly string[] Reasons = ["to cut the queue time", "before the next release", "so volunteers can help", "to lower the hosting bill", "after last month's outage", "for contributors on slow links"];

    private static readonly string[] Words =
    [
        "build", "queue", "worker", "release", "branch", "review", "volunteer", "cost", "outage", "latency", "cache", "runner", "disk",
        "network", "policy", "owner", "budget", "contract", "security", "token", "backup", "restore", "label", "bot", "channel",
        "moderation", "archive", "upgrade", "schedule", "capacity", "metrics", "alert", "migration", "license", "sponsor", "test",
    ];

    private static readonly string[] States = ["Submitted", "UnderDiscussion", "Accepted", "Declined", "Withdrawn"];

    public static async Task<GeneratedData> LoadAsync(string connectionString, Scale scale, Action<string> log)
    {
        var random = new Random(20261125);
        var clock = Stopwatch.StartNew();
        // No timeouts: at large scale the COPY of a million comments and ANALYZE take minutes.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, Timeout = 60 }.ConnectionString);
        await connection.OpenAsync();

        WritePeople(connection, scale, log);
        var proposals = PlanProposals(random, scale);
        var comments = PlanComments(random, scale, proposals);
        WriteProposals(connection, random, scale, proposals);
        WriteTransitionsAndFollowers(connection, proposals);
        WriteComments(connection, random, scale, comments);
        log($"  loaded {scale.People:N0} people, {scale.Proposals:N0} proposals, {comments.Count:N0} comments in {clock.Elapsed.TotalSeconds:F1} s");

        // After every other draw of the random sequence, so the proposals and comments stay what they were before SOWs were added.
        var sows = await WriteSowsAsync(connection, random, scale, proposals);
        log($"  loaded {sows.Count:N0} statements of work with {sows.Revisions:N0} revisions and {sows.Transitions:N0} transitions in {clock.Elapsed.TotalSeconds:F1} s total");

        foreach (var table in (string[])["people", "proposals", "comments", "proposal_transitions", "role_grants", "statements_of_work", "sow_transitions"])
        {
            await Execute(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))");
        }

        await Execute(connection, "ANALYZE");
        log($"  analyzed in {clock.Elapsed.TotalSeconds:F1} s total");
        await VerifyAsync(connection);
        await VerifySowsAsync(connection);
        log($"  checked in {clock.Elapsed.TotalSeconds:F1} s total");

        // A typical thread: the proposal whose comment count is the median of those with comments.
        var withComments = Enumerable.Range(0, scale.Proposals).Where(i => proposals.CommentCount[i] > 0).OrderBy(i => proposals.CommentCount[i]).ThenBy(i => i).ToList();
        var typical = withComments[withComments.Count / 2];
        var hot = Enumerable.Range(0, scale.Proposals).MaxBy(i => proposals.CommentCount[i]);
        var hits = Enumerable.Range(0, scale.Proposals).Count(i => proposals.Title[i].Contains(SearchWord, StringComparison.Ordinal));
        return new GeneratedData(typical + 1, proposals.CommentCount[typical], hot + 1, proposals.CommentCount[hot], SearchWord, hits,
            sows.Count, sows.Revisions, sows.TypicalId, sows.TypicalRevisions, sows.TypicalKb);
    }

    /// <summary>
    /// A personal API token for a community member, stored as the portal stores one: the SHA-256 of
    /// the secret and its first characters as the hint. Never used yet (last_used_at null), as after
    /// it was created: the portal records the first use, then at most once a minute.
    /// </summary>
    public static async Task<TokenHolder> IssueTokenAsync(string connectionString, Scale scale)
    {
        // The last generated person: only people 1–8 hold working-group roles (WritePeople).
        var personId = scale.People;
        var secret = ApiToken.SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO api_tokens (person_id, name, hash, hint, created_at, expires_at, last_used_at, revoked_at) " +
            "VALUES ($1, 'Benchmark client', $2, $3, now(), now() + interval '90 days', NULL, NULL)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = personId });
        command.Parameters.Add(new NpgsqlParameter { Value = ApiToken.HashOf(secret) });
        command.Parameters.Add(new NpgsqlParameter { Value = secret[..(ApiToken.SecretPrefix.Length + 4)] });
        await command.ExecuteNonQueryAsync();
        return new TokenHolder(personId, Login(personId), secret);
    }

    /// <summary>The denormalised columns must agree with the rows, or the list's sorts and counts would lie.</summary>
    private static async Task VerifyAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM proposals p LEFT JOIN (SELECT proposal_id, count(*) AS n, max(created_at) AS last FROM comments GROUP BY proposal_id) c ON c.proposal_id = p.id " +
            "WHERE p.comment_count <> coalesce(c.n, 0) OR p.last_activity_at < coalesce(c.last, p.submitted_at) " +
            "OR p.last_activity_at < (SELECT coalesce(max(t.at), p.submitted_at) FROM proposal_transitions t WHERE t.proposal_id = p.id)", connection) { CommandTimeout = 0 };
        var wrong = (long)(await command.ExecuteScalarAsync())!;
        if (wrong != 0)
        {
            throw new InvalidOperationException($"{wrong} generated proposals disagree with their comments or transitions (comment_count, last_activity_at).");
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static void WritePeople(NpgsqlConnection connection, Scale scale, Action<string> log)
    {
        using (var people = connection.BeginBinaryImport("COPY people (id, git_hub_id, login, display_name, avatar_url, joined_at, is_demo) FROM STDIN (FORMAT BINARY)"))
        {
            for (var id = 1; id <= scale.People; id++)
            {
                people.StartRow();
                people.Write(id, NpgsqlDbType.Integer);
                people.Write(1_000_000L + id, NpgsqlDbType.Bigint);
                people.Write(Login(id), NpgsqlDbType.Varchar);
                people.Write(string.Create(CultureInfo.InvariantCulture, $"Person {id}"), NpgsqlDbType.Varchar);
                people.WriteNull();
                people.Write(Start.AddDays(-30).AddMinutes(id), NpgsqlDbType.TimestampTz);
                people.Write(false, NpgsqlDbType.Boolean);
            }

            people.Complete();
        }

        // The home page lists the working group: a chair and seven members.
        using var grants = connection.BeginBinaryImport("COPY role_grants (id, person_id, role, \"from\", \"to\", granted_by_id, granted_at, ended_by_id) FROM STDIN (FORMAT BINARY)");
        var id2 = 0;
        for (var person = 1; person <= Math.Min(8, scale.People); person++)
        {
            foreach (var role in person == 1 ? (string[])["WorkingGroupMember", "Chair"] : ["WorkingGroupMember"])
            {
                grants.StartRow();
                grants.Write(++id2, NpgsqlDbType.Integer);
                grants.Write(person, NpgsqlDbType.Integer);
                grants.Write(role, NpgsqlDbType.Varchar);
                grants.Write(Start, NpgsqlDbType.TimestampTz);
                grants.WriteNull();
                grants.WriteNull();
                grants.Write(Start, NpgsqlDbType.TimestampTz);
                grants.WriteNull();
            }
        }

        grants.Complete();
        log($"  people and {id2} role grants written");
    }

    private static string Login(int personId) => string.Create(CultureInfo.InvariantCulture, $"person{personId}");

    /// <summary>Columns in arrays, index = proposal id - 1.</summary>
    private sealed class ProposalPlan(int count)
    {
        public int[] Author { get; } = new int[count];

        public string[] Title { get; } = new string[count];

        public DateTime[] SubmittedAt { get; } = new DateTime[count];

        public DateTime[] LastActivityAt { get; } = new DateTime[count];

        public int[] CommentCount { get; } = new int[count];

        public string[] State { get; } = new string[count];

        public bool[] ChangesWorkflow { get; } = new bool[count];

        /// <summary>Filled when the proposals are written (the draws stay where they were): a SOW names its proposals' services.</summary>
        public int[][] ServiceIds { get; } = new int[count][];
    }

    private static ProposalPlan PlanProposals(Random random, Scale scale)
    {
        var plan = new ProposalPlan(scale.Proposals);
        var step = (Now.AddDays(-30) - Start).Ticks / scale.Proposals;
        for (var i = 0; i < scale.Proposals; i++)
        {
            plan.Author[i] = random.Next(1, scale.People + 1);
            plan.Title[i] = $"{Verbs[random.Next(Verbs.Length)]} {Things[random.Next(Things.Length)]} {Reasons[random.Next(Reasons.Length)]}";
            plan.SubmittedAt[i] = Start.AddTicks((step * i) + random.NextInt64(step));
            plan.LastActivityAt[i] = plan.SubmittedAt[i];
            plan.ChangesWorkflow[i] = random.Next(3) == 0;
            var roll = random.Next(100);
            plan.State[i] = roll < 30 ? States[0] : roll < 60 ? States[1] : roll < 80 ? States[2] : roll < 90 ? States[3] : States[4];
        }

        // A few hot proposals carry 500+ comments each; the rest are spread evenly.
        var hot = Enumerable.Range(0, scale.HotProposals).Select(_ => random.Next(scale.Proposals)).Distinct().ToList();
        foreach (var h in hot)
        {
            plan.CommentCount[h] = scale.HotMinComments + random.Next(300);
        }

        var remaining = scale.Comments - plan.CommentCount.Sum();
        var hotSet = hot.ToHashSet();
        while (remaining > 0)
        {
            var i = random.Next(scale.Proposals);
            if (!hotSet.Contains(i))
            {
                plan.CommentCount[i]++;
                remaining--;
            }
        }

        return plan;
    }

    private static (DateTime Discussion, DateTime Decided) Milestones(ProposalPlan plan, int i) =>
        (plan.SubmittedAt[i].AddDays(2), plan.SubmittedAt[i].AddDays(20));

    private sealed record CommentPlan(int ProposalIndex, DateTime CreatedAt);

    private static List<CommentPlan> PlanComments(Random random, Scale scale, ProposalPlan proposals)
    {
        var comments = new List<CommentPlan>(proposals.CommentCount.Sum());
        for (var i = 0; i < scale.Proposals; i++)
        {
            var span = (Now - proposals.SubmittedAt[i]).Ticks;
            for (var k = 0; k < proposals.CommentCount[i]; k++)
            {
                comments.Add(new CommentPlan(i, proposals.SubmittedAt[i].AddTicks(random.NextInt64(span))));
            }
        }

        // Ids follow time across the whole table, as they would in production.
        comments.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt) is var c and not 0 ? c : a.ProposalIndex.CompareTo(b.ProposalIndex));
        foreach (var c in comments)
        {
            if (c.CreatedAt > proposals.LastActivityAt[c.ProposalIndex])
            {
                proposals.LastActivityAt[c.ProposalIndex] = c.CreatedAt;
            }
        }

        return comments;
    }

    private static void WriteProposals(NpgsqlConnection connection, Random random, Scale scale, ProposalPlan plan)
    {
        using var writer = connection.BeginBinaryImport(
            "COPY proposals (id, author_id, title, problem, desired_outcome, changes_workflow, state, submitted_at, discussion_started_at, " +
            "consultation_ends_at, decided_at, submission_key, comment_count, last_activity_at, service_ids, links) FROM STDIN (FORMAT BINARY)");
        var key = new byte[16];
        for (var i = 0; i < scale.Proposals; i++)
        {
            var state = plan.State[i];
            var (discussion, decided) = Milestones(plan, i);
            var discussed = state is "UnderDiscussion" or "Accepted" or "Declined";
            var last = plan.LastActivityAt[i];
            if (discussed && discussion > last)
            {
                last = discussion;
            }

            if (state != "Submitted" && state != "UnderDiscussion" && decided > last)
            {
                last = decided;
            }

            plan.LastActivityAt[i] = last;
            random.NextBytes(key);
            writer.StartRow();
            writer.Write(i + 1, NpgsqlDbType.Integer);
            writer.Write(plan.Author[i], NpgsqlDbType.Integer);
            writer.Write(plan.Title[i], NpgsqlDbType.Varchar);
            writer.Write(Paragraph(random, 4, 8), NpgsqlDbType.Varchar);
            writer.Write(Paragraph(random, 2, 5), NpgsqlDbType.Varchar);
            writer.Write(plan.ChangesWorkflow[i], NpgsqlDbType.Boolean);
            writer.Write(state, NpgsqlDbType.Varchar);
            writer.Write(plan.SubmittedAt[i], NpgsqlDbType.TimestampTz);
            WriteOptional(writer, discussed ? discussion : null);
            WriteOptional(writer, discussed && plan.ChangesWorkflow[i] ? discussion.AddDays(14) : null);
            WriteOptional(writer, state is "Accepted" or "Declined" or "Withdrawn" ? decided : null);
            writer.Write(new Guid(key), NpgsqlDbType.Uuid);
            writer.Write(plan.CommentCount[i], NpgsqlDbType.Integer);
            writer.Write(last, NpgsqlDbType.TimestampTz);
            plan.ServiceIds[i] = [.. Enumerable.Range(1, 10).Where(_ => random.Next(5) == 0)];
            writer.Write(plan.ServiceIds[i], NpgsqlDbType.Array | NpgsqlDbType.Integer);
            writer.Write(random.Next(3) == 0 ? new[] { string.Create(CultureInfo.InvariantCulture, $"https://github.com/example/project/issues/{random.Next(100_000)}") } : [],
                NpgsqlDbType.Array | NpgsqlDbType.Text);
        }

        writer.Complete();
    }

    private static void WriteOptional(NpgsqlBinaryImporter writer, DateTime? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.TimestampTz);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteTransitionsAndFollowers(NpgsqlConnection connection, ProposalPlan plan)
    {
        using (var writer = connection.BeginBinaryImport("COPY proposal_transitions (id, proposal_id, \"from\", \"to\", actor_id, reason, at) FROM STDIN (FORMAT BINARY)"))
        {
            var id = 0;
            for (var i = 0; i < plan.State.Length; i++)
            {
                var (discussion, decided) = Milestones(plan, i);
                List<(string From, string To, DateTime At, int Actor)> moves = plan.State[i] switch
                {
                    "UnderDiscussion" => [("Submitted", "UnderDiscussion", discussion, 1)],
                    "Accepted" or "Declined" => [("Submitted", "UnderDiscussion", discussion, 1), ("UnderDiscussion", plan.State[i], decided, 1)],
                    "Withdrawn" => [("Submitted", "Withdrawn", decided, plan.Author[i])],
                    _ => [],
                };
                foreach (var (from, to, at, actor) in moves)
                {
                    writer.StartRow();
                    writer.Write(++id, NpgsqlDbType.Integer);
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write(from, NpgsqlDbType.Varchar);
                    writer.Write(to, NpgsqlDbType.Varchar);
                    writer.Write(actor, NpgsqlDbType.Integer);
                    writer.Write(to == "UnderDiscussion" ? string.Empty : "Decided at the monthly meeting.", NpgsqlDbType.Varchar);
                    writer.Write(at, NpgsqlDbType.TimestampTz);
                }
            }

            writer.Complete();
        }

        using var followers = connection.BeginBinaryImport("COPY proposal_followers (proposal_id, person_id, since) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < plan.State.Length; i++)
        {
            followers.StartRow();
            followers.Write(i + 1, NpgsqlDbType.Integer);
            followers.Write(plan.Author[i], NpgsqlDbType.Integer);
            followers.Write(plan.SubmittedAt[i], NpgsqlDbType.TimestampTz);
        }

        followers.Complete();
    }

    private static void WriteComments(NpgsqlConnection connection, Random random, Scale scale, List<CommentPlan> comments)
    {
        using var writer = connection.BeginBinaryImport(
            "COPY comments (id, proposal_id, author_id, parent_id, body, created_at, edited_at, is_hidden, hidden_reason, hidden_by_id) FROM STDIN (FORMAT BINARY)");
        var threads = new Dictionary<int, List<int>>();
        for (var n = 0; n < comments.Count; n++)
        {
            var id = n + 1;
            var c = comments[n];
            if (!threads.TryGetValue(c.ProposalIndex, out var topLevel))
            {
                threads[c.ProposalIndex] = topLevel = [];
            }

            // A third of the comments reply to an earlier top-level comment (replies are one level deep).
            int? parent = topLevel.Count > 0 && random.Next(3) == 0 ? topLevel[random.Next(topLevel.Count)] : null;
            if (parent is null)
            {
                topLevel.Add(id);
            }

            var hidden = random.Next(100) == 0;
            writer.StartRow();
            writer.Write(id, NpgsqlDbType.Integer);
            writer.Write(c.ProposalIndex + 1, NpgsqlDbType.Integer);
            writer.Write(random.Next(1, scale.People + 1), NpgsqlDbType.Integer);
            if (parent is { } p)
            {
                writer.Write(p, NpgsqlDbType.Integer);
            }
            else
            {
                writer.WriteNull();
            }

            writer.Write(CommentBody(random, scale), NpgsqlDbType.Varchar);
            writer.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
            writer.WriteNull();
            writer.Write(hidden, NpgsqlDbType.Boolean);
            if (hidden)
            {
                writer.Write("Off topic.", NpgsqlDbType.Varchar);
                writer.Write(1, NpgsqlDbType.Integer);
            }
            else
            {
                writer.WriteNull();
                writer.WriteNull();
            }
        }

        writer.Complete();
    }

    private static string Paragraph(Random random, int minSentences, int maxSentences)
    {
        var text = new StringBuilder();
        var sentences = random.Next(minSentences, maxSentences + 1);
        for (var s = 0; s < sentences; s++)
        {
            var words = random.Next(8, 18);
            for (var w = 0; w < words; w++)
            {
                var word = Words[random.Next(Words.Length)];
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == words - 1 ? ". " : " ");
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Markdown as people write it: a paragraph, sometimes bold, a list, a link or a mention.</summary>
    private static string CommentBody(Random random, Scale scale)
    {
        var body = new StringBuilder(Paragraph(random, 1, 3));
        switch (random.Next(6))
        {
            case 0:
                body.Append(" **").Append(Words[random.Next(Words.Length)]).Append("** matters here.");
                break;
            case 1:
                body.Append("\n\n- ").Append(Words[random.Next(Words.Length)]).Append("\n- ").Append(Words[random.Next(Words.Length)]);
                break;
            case 2:
                body.Append(" See [the log](https://example.org/logs/").Append(random.Next(10_000)).Append(").");
                break;
            case 3:
                body.Append(" cc @").Append(Login(random.Next(1, scale.People + 1)));
                break;
            default:
                break;
        }

        return body.ToString();
    }
}
