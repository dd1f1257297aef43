using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace IwgPortal.Benchmarks;

/// <summary>What the SOW part of the generator wrote, and the statement of work the SOW scenarios ask for.</summary>
internal sealed record SowTotals(int Count, int Revisions, int Transitions, int TypicalId, int TypicalRevisions, int TypicalKb);

/// <summary>
/// The JSON of an SOW text as the portal stores and reads it: the value converters of its own EF
/// model (StatementOfWorkConfiguration), taken from the model once. No query runs through EF here.
/// </summary>
internal static class SowJson
{
    private static readonly (ValueConverter Draft, ValueConverter Revision) Converters = Find();

    public static string Draft(SowContent content) => (string)Converters.Draft.ConvertToProvider(content)!;

    public static string Revision(SowContent content) => (string)Converters.Revision.ConvertToProvider(content)!;

    public static SowContent ReadRevision(string json) => (SowContent)Converters.Revision.ConvertFromProvider(json)!;

    private static (ValueConverter, ValueConverter) Find()
    {
        // Building the model needs no server; the connection string is never used.
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").UseSnakeCaseNamingConvention().Options);
        var sow = db.Model.FindEntityType(typeof(StatementOfWork)) ?? throw new InvalidOperationException("The portal's model has no StatementOfWork.");
        var draft = sow.FindProperty(nameof(StatementOfWork.Draft));
        var content = sow.FindNavigation(nameof(StatementOfWork.Revisions))?.TargetEntityType.FindProperty(nameof(SowRevision.Content));
        return (ConverterOf(draft), ConverterOf(content));
    }

    private static ValueConverter ConverterOf(Microsoft.EntityFrameworkCore.Metadata.IProperty? property) =>
        property?.GetValueConverter() ?? property?.GetTypeMapping().Converter
            ?? throw new InvalidOperationException($"The portal's model has no value converter for {property?.Name ?? "an SOW text"}.");
}

/// <summary>
/// Statements of work on accepted proposals, built through the domain's own aggregate
/// (<see cref="StatementOfWork"/>: create, edit, publish, move), so the revisions are numbered and
/// fingerprinted by the domain (<see cref="SowContent.Sha256"/>) and every transition is one the
/// state machine allows; then written with binary COPY. Sourcing records (volunteers, bounties,
/// requests for proposals and their offers) are not generated.
/// </summary>
internal static partial class DataGenerator
{
    private static readonly (SowState State, int Percent)[] SowSpread =
    [
        (SowState.Draft, 8), (SowState.Published, 17), (SowState.Sourcing, 20), (SowState.InDecision, 10), (SowState.AwaitingBoard, 5),
        (SowState.Approved, 5), (SowState.InProgress, 12), (SowState.Delivered, 5), (SowState.Accepted, 5), (SowState.Closed, 6), (SowState.Cancelled, 7),
    ];

    private static readonly SowState[] SowForward =
    [
        SowState.Published, SowState.Sourcing, SowState.InDecision, SowState.AwaitingBoard, SowState.Approved,
        SowState.InProgress, SowState.Delivered, SowState.Accepted, SowState.Closed,
    ];

    private static readonly string[] BackToDraftReasons =
    [
        "Reworked after the discussion on the published text.", "The community asked for clearer acceptance criteria.",
        "Scope changed after the budget review.", "Service level objectives adjusted with the operators.", "Sourcing showed that the work items were too coarse.",
    ];

    private static readonly string[] CancelReasons =
    [
        "The accepted proposal was superseded by a newer one.", "Nobody came forward to do the work.", "The sponsor withdrew the funding.",
    ];

    private static readonly string[] Targets = ["≥ 99.5 % availability", "≥ 99.9 % availability", "p95 queue time ≤ 15 minutes", "at most one failed nightly run a week", "a tested restore every month"];
    private static readonly string[] Windows = ["30 days", "7 days", "a quarter"];
    private static readonly string[] Measurements = ["portal probes every minute", "the buildbot statistics", "the monthly restore drill report", "the mirror's access logs"];
    private static readonly string[] Paths = ["utils/release/", "ci/buildbot/master.cfg", "infra/dns/zone.db", "docs/runbooks/", "scripts/backup.sh", "mirror/rsync.conf"];

    private static async Task<SowTotals> WriteSowsAsync(NpgsqlConnection connection, Random random, Scale scale, ProposalPlan plan)
    {
        var slugs = new Dictionary<int, string>();
        await using (var command = new NpgsqlCommand("SELECT id, slug FROM services", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                slugs[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        // Accepted proposals decided at least 60 days ago, in random order: each founds at most one SOW.
        var accepted = Enumerable.Range(0, scale.Proposals).Where(i => plan.State[i] == "Accepted" && Milestones(plan, i).Decided < Now.AddDays(-60)).ToList();
        for (var i = accepted.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (accepted[i], accepted[j]) = (accepted[j], accepted[i]);
        }

        var sows = new List<StatementOfWork>(scale.Sows);
        var next = 0;
        while (sows.Count < scale.Sows && next < accepted.Count)
        {
            var roll = random.Next(100);
            var take = Math.Min(roll < 85 ? 1 : roll < 97 ? 2 : 3, accepted.Count - next);
            sows.Add(BuildSow(random, scale, plan, slugs, accepted.GetRange(next, take)));
            next += take;
        }

        // Ids grow with creation time, as the portal would have given them.
        sows.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        using (var writer = connection.BeginBinaryImport("COPY statements_of_work (id, state, draft, created_by_id, created_at, proposal_ids) FROM STDIN (FORMAT BINARY)"))
        {
            for (var k = 0; k < sows.Count; k++)
            {
                var sow = sows[k];
                writer.StartRow();
                writer.Write(k + 1, NpgsqlDbType.Integer);
                writer.Write(sow.State.ToString(), NpgsqlDbType.Varchar);
                writer.Write(SowJson.Draft(sow.Draft), NpgsqlDbType.Jsonb);
                writer.Write(sow.CreatedById, NpgsqlDbType.Integer);
                writer.Write(sow.CreatedAt, NpgsqlDbType.TimestampTz);
                writer.Write(sow.ProposalIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            }

            writer.Complete();
        }

        // Revisions and transitions in time order across SOWs, as they would have been written.
        var revisions = sows.SelectMany((s, k) => s.Revisions.Select(r => (SowId: k + 1, Revision: r))).OrderBy(r => r.Revision.PublishedAt).ToList();
        var revisionBytes = new Dictionary<(int, int), int>();
        using (var writer = connection.BeginBinaryImport("COPY sow_revisions (sow_id, number, content, sha256, published_by_id, published_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (sowId, r) in revisions)
            {
                var json = SowJson.Revision(r.Content);
                revisionBytes[(sowId, r.Number)] = json.Length;
                writer.StartRow();
                writer.Write(sowId, NpgsqlDbType.Integer);
                writer.Write(r.Number, NpgsqlDbType.Integer);
                writer.Write(json, NpgsqlDbType.Jsonb);
                writer.Write(r.Sha256, NpgsqlDbType.Char);
                writer.Write(r.PublishedById, NpgsqlDbType.Integer);
                writer.Write(r.PublishedAt, NpgsqlDbType.TimestampTz);
            }

            writer.Complete();
        }

        var transitions = sows.SelectMany((s, k) => s.Transitions.Select(t => (SowId: k + 1, Transition: t))).OrderBy(t => t.Transition.At).ToList();
        using (var writer = connection.BeginBinaryImport("COPY sow_transitions (id, sow_id, \"from\", \"to\", actor_id, reason, at) FROM STDIN (FORMAT BINARY)"))
        {
            var id = 0;
            foreach (var (sowId, t) in transitions)
            {
                writer.StartRow();
                writer.Write(++id, NpgsqlDbType.Integer);
                writer.Write(sowId, NpgsqlDbType.Integer);
                writer.Write(t.From.ToString(), NpgsqlDbType.Varchar);
                writer.Write(t.To.ToString(), NpgsqlDbType.Varchar);
                writer.Write(t.ActorId, NpgsqlDbType.Integer);
                writer.Write(t.Reason, NpgsqlDbType.Varchar);
                writer.Write(t.At, NpgsqlDbType.TimestampTz);
            }

            writer.Complete();
        }

        // The scenarios' SOW: of those with the most revisions, the one whose latest text is the median size.
        if (sows.Count == 0)
        {
            throw new InvalidOperationException("No accepted proposal was decided early enough to found a statement of work.");
        }

        var most = sows.Max(s => s.Revisions.Count);
        var candidates = Enumerable.Range(0, sows.Count).Where(k => sows[k].Revisions.Count == most)
            .OrderBy(k => revisionBytes[(k + 1, most)]).ThenBy(k => k).ToList();
        var typical = candidates[candidates.Count / 2];
        return new SowTotals(sows.Count, revisions.Count, transitions.Count, typical + 1, most, (int)Math.Round(revisionBytes[(typical + 1, most)] / 1024.0));
    }

    /// <summary>
    /// One SOW's life, driven through the aggregate: created from its proposals (the draft starts
    /// with their problem statements, as CreateSow does), written and published, then reworked and
    /// published again (back to Draft with a reason, sometimes after sourcing had started), then
    /// moved forward to its final state, or cancelled on the way. A final Draft keeps unpublished edits.
    /// </summary>
    private static StatementOfWork BuildSow(Random random, Scale scale, ProposalPlan plan, Dictionary<int, string> slugs, List<int> proposals)
    {
        var revisionCount = Math.Min(12, 1 + (int)(12 * Math.Pow(random.NextDouble(), 2)));
        var roll = random.Next(100);
        var final = SowSpread.First(s => (roll -= s.Percent) < 0).State;
        var text = SowText.Create(random, plan, slugs, proposals);

        // The steps first, so their times can be spread over the SOW's life.
        var steps = new List<SowState>();
        for (var n = 1; n <= revisionCount; n++)
        {
            if (n > 1)
            {
                if (random.Next(4) == 0)
                {
                    steps.Add(SowState.Sourcing);
                }

                steps.Add(SowState.Draft);
            }

            steps.Add(SowState.Published);
        }

        if (final == SowState.Draft)
        {
            steps.Add(SowState.Draft);
        }
        else if (final == SowState.Cancelled)
        {
            steps.AddRange(SowForward.Skip(1).Take(random.Next(6)));
            steps.Add(SowState.Cancelled);
        }
        else
        {
            steps.AddRange(SowForward.Skip(1).Take(Array.IndexOf(SowForward, final)));
        }

        var decided = proposals.Max(i => Milestones(plan, i).Decided);
        var created = decided.AddDays(1 + (random.NextDouble() * 29));
        var end = created + ((Now.AddDays(-1) - created) * (0.3 + (0.7 * random.NextDouble())));
        var step = (end - created) / (steps.Count + 1);
        int Member() => random.Next(1, Math.Min(8, scale.People) + 1);

        var linked = proposals.Select(i => new LinkedProposal(i + 1, plan.Title[i],
            plan.ChangesWorkflow[i] ? new DateTimeOffset(Milestones(plan, i).Discussion.AddDays(14)) : null, plan.ChangesWorkflow[i])).ToList();
        var sow = new StatementOfWork([.. proposals.Select(i => i + 1)], text.Founding(), Member(), new DateTimeOffset(created));
        sow.EditDraft(text.Content());
        for (var k = 0; k < steps.Count; k++)
        {
            var at = new DateTimeOffset(created + (step * (k + 1)) + (step * (random.NextDouble() - 0.5) * 0.8));
            switch (steps[k])
            {
                case SowState.Published:
                    sow.Publish(Member(), at);
                    break;
                case SowState.Draft:
                    sow.Move(SowState.Draft, Member(), BackToDraftReasons[random.Next(BackToDraftReasons.Length)], at, linked);

                    // An edit can, rarely, land on what was there (an objective given its own target): edit again, or there is nothing to publish.
                    do
                    {
                        text.Edit(random);
                    }
                    while (text.Content().Sha256() == sow.Latest!.Sha256);

                    sow.EditDraft(text.Content());
                    break;
                default:
                    sow.Move(steps[k], Member(), Reason(steps[k], text.Route, random), at, linked);
                    break;
            }
        }

        return sow;
    }

    private static string Reason(SowState to, DeliveryRoute route, Random random) => to switch
    {
        SowState.Sourcing => route switch
        {
            DeliveryRoute.Volunteers => "Looking for volunteers.",
            DeliveryRoute.Bounty => "Bounty announced.",
            _ => "Request for proposals opened.",
        },
        SowState.InDecision => "Sourcing closed; the working group decides.",
        SowState.AwaitingBoard => "Recommended to the board.",
        SowState.Approved => "Approved by the board at its monthly meeting.",
        SowState.InProgress => "Work started.",
        SowState.Delivered => "Delivered; acceptance testing started.",
        SowState.Accepted => "Every acceptance criterion met.",
        SowState.Closed => "Closed after the warranty period.",
        _ => CancelReasons[random.Next(CancelReasons.Length)],
    };

    /// <summary>
    /// Every SOW stands on accepted proposals decided before it was created; its revisions are
    /// numbered 1..n, one per publication; its transitions chain from Draft to its state in time
    /// order; and every stored revision, read back as the portal reads it, has the fingerprint the
    /// domain computes for its text.
    /// </summary>
    private static async Task VerifySowsAsync(NpgsqlConnection connection)
    {
        await using (var command = new NpgsqlCommand(
            "SELECT " +
            "(SELECT count(*) FROM statements_of_work s WHERE cardinality(s.proposal_ids) = 0 OR EXISTS (SELECT 1 FROM unnest(s.proposal_ids) u(id) " +
            "LEFT JOIN proposals p ON p.id = u.id WHERE p.state IS DISTINCT FROM 'Accepted' OR p.decided_at > s.created_at)), " +
            "(SELECT count(*) FROM statements_of_work s LEFT JOIN (SELECT sow_id, count(*) AS n, min(number) AS lo, max(number) AS hi, min(published_at) AS first " +
            "FROM sow_revisions GROUP BY sow_id) r ON r.sow_id = s.id WHERE r.n IS NULL OR r.lo <> 1 OR r.hi <> r.n OR r.first < s.created_at " +
            "OR r.n <> (SELECT count(*) FROM sow_transitions t WHERE t.sow_id = s.id AND t.\"to\" = 'Published')), " +
            "(SELECT count(*) FROM (SELECT t.\"from\", t.at, lag(t.\"to\", 1, 'Draft') OVER w AS before, lag(t.at) OVER w AS previous FROM sow_transitions t " +
            "WINDOW w AS (PARTITION BY t.sow_id ORDER BY t.id)) c WHERE c.\"from\" <> c.before OR c.at < c.previous), " +
            "(SELECT count(*) FROM statements_of_work s WHERE s.state <> coalesce((SELECT t.\"to\" FROM sow_transitions t WHERE t.sow_id = s.id ORDER BY t.id DESC LIMIT 1), 'Draft'))",
            connection) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (proposals, revisions, chains, states) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            if (proposals + revisions + chains + states != 0)
            {
                throw new InvalidOperationException(
                    $"Generated statements of work are inconsistent: {proposals} with proposals not accepted before them, {revisions} with revisions not numbered 1..n per publication, " +
                    $"{chains} transitions out of chain or time order, {states} states not the last transition's.");
            }
        }

        await using var hashes = new NpgsqlCommand("SELECT sow_id, number, sha256, content FROM sow_revisions", connection) { CommandTimeout = 0 };
        await using var rows = await hashes.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            if (SowJson.ReadRevision(rows.GetString(3)).Sha256() != rows.GetString(2))
            {
                throw new InvalidOperationException($"Revision {rows.GetInt32(1)} of SOW {rows.GetInt32(0)}, read back, does not have its stored SHA-256.");
            }
        }
    }

    /// <summary>
    /// The working text of one SOW as blocks of Markdown (paragraphs and lists), so a new revision
    /// can rewrite or edit a paragraph, a list line, a work item or a criterion, as people do.
    /// </summary>
    private sealed class SowText
    {
        private readonly List<string> _problem;
        private readonly List<string> _workMode;
        private readonly List<string> _skills;
        private readonly List<string> _functional;
        private readonly List<string> _nonFunctional;
        private readonly List<(string Key, string Title, List<string> Description, List<AcceptanceCriterion> Criteria)> _items = [];
        private readonly List<ServiceLevelObjective> _objectives = [];
        private readonly List<string> _services;
        private readonly string _founding;
        private readonly Dictionary<string, int> _keys = [];
        private string _title;

        private SowText(Random random, string title, string founding, List<string> services)
        {
            _title = title;
            _founding = founding;
            _services = services;
            _problem = [founding, .. Blocks(random, 2, 4)];
            _workMode = Blocks(random, 2, 3);
            _skills = [Prose(random, 1, 2), List(random, random.Next(3, 7))];
            _functional = Blocks(random, 4, 7);
            _nonFunctional = Blocks(random, 2, 4);
            for (var n = random.Next(3, 9); n > 0; n--)
            {
                AddItem(random);
            }

            foreach (var slug in services)
            {
                _objectives.Add(Objective(random, slug));
            }

            if (services.Count == 0 || random.Next(3) == 0)
            {
                _objectives.Add(Objective(random, null));
            }

            Route = random.Next(100) switch
            {
                < 40 => DeliveryRoute.Volunteers,
                < 65 => DeliveryRoute.Bounty,
                _ => DeliveryRoute.RequestForProposals,
            };
        }

        public DeliveryRoute Route { get; }

        public static SowText Create(Random random, ProposalPlan plan, Dictionary<int, string> slugs, List<int> proposals)
        {
            var founding = string.Join("\n\n", proposals.Select(i => string.Create(CultureInfo.InvariantCulture, $"From proposal {i + 1}, “{plan.Title[i]}”:")));
            var services = proposals.SelectMany(i => plan.ServiceIds[i]).Distinct().Order().Where(slugs.ContainsKey).Select(id => slugs[id]).ToList();
            return new SowText(random, plan.Title[proposals[0]], founding, services);
        }

        /// <summary>The draft as CreateSow starts it: the title, the proposals' problem and their services.</summary>
        public SowContent Founding() => SowContent.Empty(_title) with { Problem = _founding, ServiceSlugs = [.. _services] };

        public SowContent Content() => new(
            _title, Join(_problem), Join(_workMode), Join(_skills), Join(_functional), Join(_nonFunctional),
            [.. _items.Select(i => new WorkItem(i.Key, i.Title, Join(i.Description), [.. i.Criteria]))],
            [.. _objectives], [.. _services], Route);

        /// <summary>One to four edits, as between two publications: mostly paragraphs, sometimes work items, criteria or objectives.</summary>
        public void Edit(Random random)
        {
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                var section = Sections()[random.Next(5)];
                switch (random.Next(100))
                {
                    case < 30:
                        var at = random.Next(section == _problem ? 1 : 0, section.Count);
                        section[at] = IsList(section[at]) ? List(random, random.Next(3, 6)) : Prose(random, 3, 7);
                        break;
                    case < 50:
                        var edited = random.Next(section == _problem ? 1 : 0, section.Count);
                        section[edited] = EditBlock(random, section[edited]);
                        break;
                    case < 58:
                        section.Insert(random.Next(section == _problem ? 1 : 0, section.Count + 1), Prose(random, 2, 5));
                        break;
                    case < 72:
                        var item = _items[random.Next(_items.Count)];
                        var block = random.Next(item.Description.Count);
                        item.Description[block] = EditBlock(random, item.Description[block]);
                        break;
                    case < 80:
                        AddItem(random);
                        break;
                    case < 84 when _items.Count > 2:
                        _items.RemoveAt(random.Next(_items.Count));
                        break;
                    case < 93:
                        var criteria = _items[random.Next(_items.Count)].Criteria;
                        if (random.Next(2) == 0)
                        {
                            criteria.Add(new AcceptanceCriterion(Key("c"), Paragraph(random, 1, 1)));
                        }
                        else
                        {
                            var c = random.Next(criteria.Count);
                            criteria[c] = criteria[c] with { Text = Paragraph(random, 1, 1) };
                        }

                        break;
                    case < 98:
                        var o = random.Next(_objectives.Count);
                        _objectives[o] = _objectives[o] with { Target = Targets[random.Next(Targets.Length)], Window = Windows[random.Next(Windows.Length)] };
                        break;
                    default:
                        _title = _title.EndsWith(", phase 2", StringComparison.Ordinal) ? _title[..^", phase 2".Length] : _title + ", phase 2";
                        break;
                }
            }
        }

        private static string Join(List<string> blocks) => string.Join("\n\n", blocks);

        private static bool IsList(string block) => block.StartsWith("- ", StringComparison.Ordinal) || block.StartsWith("1. ", StringComparison.Ordinal);

        private static List<string> Blocks(Random random, int min, int max)
        {
            var blocks = new List<string>();
            for (var n = random.Next(min, max + 1); n > 0; n--)
            {
                blocks.Add(random.Next(4) == 0 ? List(random, random.Next(3, 6)) : Prose(random, 3, 7));
            }

            return blocks;
        }

        /// <summary>A paragraph with the Markdown people put in one: bold, code, a link, or none.</summary>
        private static string Prose(Random random, int minSentences, int maxSentences)
        {
            var text = Paragraph(random, minSentences, maxSentences);
            return random.Next(5) switch
            {
                0 => text + " The **" + Words[random.Next(Words.Length)] + "** step matters most.",
                1 => text + " The configuration lives in `" + Paths[random.Next(Paths.Length)] + "`.",
                2 => text + string.Create(CultureInfo.InvariantCulture, $" See [the runbook](https://example.org/runbooks/{random.Next(1_000)})."),
                _ => text,
            };
        }

        private static string List(Random random, int lines)
        {
            var numbered = random.Next(2) == 0;
            return string.Join("\n", Enumerable.Range(1, lines).Select(n => (numbered ? string.Create(CultureInfo.InvariantCulture, $"{n}. ") : "- ") + Paragraph(random, 1, 1)));
        }

        /// <summary>One sentence of a paragraph, or one line of a list, rewritten.</summary>
        private static string EditBlock(Random random, string block)
        {
            if (IsList(block))
            {
                var lines = block.Split('\n');
                var l = random.Next(lines.Length);
                lines[l] = lines[l][..(lines[l].IndexOf(' ', StringComparison.Ordinal) + 1)] + Paragraph(random, 1, 1);
                return string.Join("\n", lines);
            }

            var sentences = block.Split(". ");
            var s = random.Next(sentences.Length);
            var fresh = Paragraph(random, 1, 1);
            sentences[s] = s == sentences.Length - 1 ? fresh : fresh.TrimEnd('.');
            return string.Join(". ", sentences);
        }

        private void AddItem(Random random)
        {
            var key = Key("w");
            var title = $"{Verbs[random.Next(Verbs.Length)]} {Things[random.Next(Things.Length)]}";
            _items.Add((key, title, [Prose(random, 2, 4), .. random.Next(2) == 0 ? [Prose(random, 1, 3)] : Array.Empty<string>()],
                [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => new AcceptanceCriterion(Key("c"), Paragraph(random, 1, 1)))]));
        }

        private ServiceLevelObjective Objective(Random random, string? slug) =>
            new(Key("s"), slug, Targets[random.Next(Targets.Length)], Windows[random.Next(Windows.Length)], Measurements[random.Next(Measurements.Length)]);

        /// <summary>As the editor numbers them: one more than the highest key with the prefix used before (w3 after w1 and w2), never reused.</summary>
        private string Key(string prefix)
        {
            var n = _keys[prefix] = _keys.GetValueOrDefault(prefix) + 1;
            return prefix + n.ToString(CultureInfo.InvariantCulture);
        }

        private List<string>[] Sections() => [_problem, _workMode, _skills, _functional, _nonFunctional];
    }
}
