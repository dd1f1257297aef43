using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Data;

/// <summary>
/// One demo person per role, for "sign in as" on a developer's embedded database, and proposals
/// with their discussions, so every page has something to show. Each part is seeded once.
/// </summary>
internal static class DemoData
{
    // GitHub ids far above any real account's, so a real sign-in never lands on a demo person.
    private const long FirstDemoGitHubId = 9_000_000_001;

    private static readonly (string Login, string Name, Role[] Roles)[] People =
    [
        ("amara-okafor", "Amara Okafor", []),
        ("ken-sato", "Ken Sato", [Role.Contractor]),
        ("ines-moreau", "Inès Moreau", [Role.Contractor]),
        ("oskar-lind", "Oskar Lind", [Role.Contractor]),
        ("lena-fischer", "Lena Fischer", [Role.WorkingGroupMember]),
        ("priya-raman", "Priya Raman", [Role.WorkingGroupMember, Role.Chair]),
        ("tom-becker", "Tom Becker", [Role.BoardMember, Role.WorkingGroupMember]),
        ("maria-santos", "Maria Santos", [Role.Treasurer]),
        ("sam-admin", "Sam Admin", [Role.Admin]),
    ];

    public static async Task SeedAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await SeedPeopleAsync(db, clock, cancellationToken);
        await SeedProposalsAsync(db, clock, cancellationToken);
        await DemoStatementsOfWork.SeedAsync(db, clock, cancellationToken);
    }

    private static async Task SeedPeopleAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.IsDemo, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var termStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var people = People.Select((p, i) => new Person(FirstDemoGitHubId + i, p.Login, p.Name, null, now, isDemo: true)).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        var admin = people[^1];
        foreach (var (person, spec) in people.Zip(People))
        {
            foreach (var role in spec.Roles)
            {
                person.Grant(role, termStart, role == Role.Admin ? null : termStart.AddYears(2), admin.Id, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedProposalsAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Proposals.AnyAsync(cancellationToken))
        {
            return;
        }

        var logins = People.Select(p => p.Login).ToList();
        var people = await db.People.Where(p => p.IsDemo && logins.Contains(p.Login)).ToDictionaryAsync(p => p.Login, p => p.Id, cancellationToken);
        var services = await db.Services.ToDictionaryAsync(s => s.Slug, s => s.Id, cancellationToken);
        var now = clock.GetUtcNow();

        // All or nothing: a seed cut short would otherwise never be completed, since proposals would exist.
        // Oldest first, so ids follow submission times as they do for real proposals (the list sorts "newest" by id).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var spec in Proposals.OrderByDescending(p => p.Age))
        {
            var submittedAt = now - spec.Age;
            var proposal = new Proposal(people[spec.Author], spec.Title, spec.Problem, spec.Outcome, spec.ChangesWorkflow,
                spec.Services.Select(slug => services[slug]), spec.Links, Guid.NewGuid(), submittedAt);
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync(cancellationToken);
            db.ProposalFollowers.Add(new ProposalFollower(proposal.Id, people[spec.Author], submittedAt));

            // Moves and comments in the order they happened: nothing is said on a proposal after it is withdrawn.
            var events = spec.Moves.Select(m => (At: now - m.Age, Move: (DemoMove?)m, Thread: (DemoComment?)null))
                .Concat(spec.Comments.Select(c => (At: now - c.Age, Move: (DemoMove?)null, Thread: (DemoComment?)c)))
                .OrderBy(e => e.At)
                .ToList();
            var comments = new List<Comment>();
            foreach (var (at, move, thread) in events)
            {
                if (move is not null)
                {
                    var workingGroup = People.Single(p => p.Login == move.Actor).Roles.Contains(Role.WorkingGroupMember);
                    proposal.Move(move.To, people[move.Actor], workingGroup, move.Reason, at, Proposal.DefaultConsultationPeriod);
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }

                var first = Comment.Write(proposal, people[thread!.Author], null, thread.Body, at);
                db.Comments.Add(first);
                await db.SaveChangesAsync(cancellationToken);
                comments.Add(first);
                foreach (var reply in thread.Replies)
                {
                    var answer = Comment.Write(proposal, people[reply.Author], first, reply.Body, now - reply.Age);
                    db.Comments.Add(answer);
                    comments.Add(answer);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            // As AddComment does: the counters move in SQL, after the last save of the tracked proposal.
            if (comments.Count > 0)
            {
                var latestComment = comments.Max(c => c.CreatedAt);
                var lastActivity = latestComment > proposal.LastActivityAt ? latestComment : proposal.LastActivityAt;
                await db.Proposals.Where(p => p.Id == proposal.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.CommentCount, comments.Count).SetProperty(p => p.LastActivityAt, lastActivity), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static TimeSpan Ago(double days) => TimeSpan.FromDays(days);

    private sealed record DemoProposal(
        string Title, string Author, TimeSpan Age, bool ChangesWorkflow, string[] Services, string Problem, string Outcome,
        DemoMove[] Moves, DemoComment[] Comments, string[]? MoreLinks = null)
    {
        public IEnumerable<string> Links => MoreLinks ?? [];
    }

    private sealed record DemoMove(ProposalState To, string Actor, TimeSpan Age, string Reason);

    private sealed record DemoComment(string Author, TimeSpan Age, string Body, params DemoReply[] Replies);

    private sealed record DemoReply(string Author, TimeSpan Age, string Body);

    private static readonly DemoProposal[] Proposals =
    [
        new(
            "Decide on GitHub pull requests", "amara-okafor", Ago(52), ChangesWorkflow: true, ["code-review", "source-repository"],
            """
            Reviews happen in Phabricator while the code lives on GitHub. Newcomers have to learn two tools and
            two accounts before their first patch is looked at, and we keep hearing that this is why people give up.

            - Patches are uploaded with `arc`, which breaks with every new Python release.
            - Review comments are not linked to the commits that address them.
            - Phabricator is no longer maintained upstream.
            """,
            """
            A decision, with a date, on whether reviews move to **GitHub pull requests**. If yes: a migration plan that
            keeps the review history readable, a branch-protection policy, and updated *Contributing* docs.
            """,
            [
                new(ProposalState.UnderDiscussion, "priya-raman", Ago(48), "This changes how everyone contributes; it goes to a community consultation."),
                new(ProposalState.Accepted, "priya-raman", Ago(30), "The consultation showed broad support. The working group will write a statement of work for the migration."),
            ],
            [
                new("lena-fischer", Ago(47), "Strong yes from me. What do we do about *stacked* reviews? Phabricator handles them better than GitHub does today.",
                    new DemoReply("ken-sato", Ago(46.5), "We ran [spr](https://github.com/ejoffe/spr) on a similar project: one PR per commit, rebased automatically. It worked well enough."),
                    new DemoReply("amara-okafor", Ago(46), "Good point. I'll add stacked reviews to the requirements.")),
                new("tom-becker", Ago(40), "Please keep the old review links working, even read-only. Commit messages point at them.",
                    new DemoReply("priya-raman", Ago(39), "Agreed — a static archive of Phabricator is part of the plan.")),
            ]),
        new(
            "Multi-stage CI: cheap builds first", "ken-sato", Ago(38), ChangesWorkflow: false, ["build-servers"],
            """
            Every commit triggers every builder at once. The expensive configurations (full bootstrap, sanitizers,
            exotic targets) spend hours on commits that a 10-minute build would already have rejected.
            """,
            """
            A two-stage pipeline: a fast stage on every commit, and the expensive builders only on commits where the
            fast stage passed. Target: at least **40 %** fewer builder hours with the same coverage.
            """,
            [
                new(ProposalState.UnderDiscussion, "lena-fischer", Ago(35), "Clear saving of builder hours; let's agree on which builders are \"cheap\"."),
                new(ProposalState.Accepted, "priya-raman", Ago(10), "Agreed at the meeting: the working group writes a statement of work and asks contractors for offers."),
            ],
            [
                new("maria-santos", Ago(34), "From the budget side: the sponsored machines are at capacity, so anything that frees hours helps.",
                    new DemoReply("ken-sato", Ago(33), "I can produce numbers per builder from the last three months of logs.")),
                new("lena-fischer", Ago(12), "Numbers are in: 61 % of expensive builds ran on commits that failed a fast build. That's a lot of waste.",
                    new DemoReply("tom-becker", Ago(11), "Convincing. Let's put this on the next meeting's agenda for a decision.")),
            ]),
        new(
            "Migrate Python 2 scripts to Python 3", "amara-okafor", Ago(45), ChangesWorkflow: false, ["build-system"],
            """
            About thirty utility scripts still start with `#!/usr/bin/env python2`. Python 2 is out of support and
            no longer installed on current distributions, so the scripts fail for new contributors.
            """,
            """
            All scripts run on Python 3.8 or later, are checked by CI, and the Python 2 compatibility shims are removed.
            """,
            [
                new(ProposalState.UnderDiscussion, "tom-becker", Ago(43), "Uncontroversial, but we need an owner for each script."),
                new(ProposalState.Accepted, "lena-fischer", Ago(25), "Accepted. Ken's team takes it on as part of the current statement of work."),
            ],
            [
                new("sam-admin", Ago(42), "`utils/release/` has the worst ones; they also shell out to `python` without a version.",
                    new DemoReply("amara-okafor", Ago(41), "Noted, I'll list them in the issue.")),
            ]),
        new(
            "Define SLOs for our infrastructure", "lena-fischer", Ago(20), ChangesWorkflow: false, ["build-servers", "web-sites", "mailing-lists"],
            """
            When a service breaks we find out from a forum post. Nobody has written down what "working" means for the
            build bots, the web site or the mailing lists, so nobody can tell whether things are getting better.
            """,
            """
            For each service: a small set of **service level objectives** (availability, latency, freshness), a public
            dashboard, and alerts to the people on call when an objective is at risk.
            """,
            [],
            [
                new("ken-sato", Ago(18), "Happy to help. I'd start with two objectives per service; dashboards full of numbers nobody reads are worse than none.",
                    new DemoReply("lena-fischer", Ago(17), "Agreed, two each to start.")),
            ]),
        new(
            "Public documentation of the existing infrastructure", "maria-santos", Ago(15), ChangesWorkflow: false, ["documentation", "web-sites"],
            """
            When I had to renew the hosting contracts I could not find out which machines run what, who set them up, or
            why. The knowledge is in a few people's heads.
            """,
            """
            A public page per service: **what** it is, **why** we run it, **who** operates it, and how to get help.
            Secrets stay out of it, of course.
            """,
            [
                new(ProposalState.UnderDiscussion, "lena-fischer", Ago(14), "Cheap and useful; the question is who writes it."),
                new(ProposalState.Accepted, "priya-raman", Ago(9), "Accepted. A bounty suits this: a community member who knows the machines can write it."),
            ],
            [
                new("sam-admin", Ago(13), "I can give read access to the machine inventory to whoever writes this."),
            ]),
        new(
            "Collector dashboard for CI results", "ken-sato", Ago(10), ChangesWorkflow: true, ["build-servers", "code-review"],
            """
            Results are spread over Buildbot, pre-merge testing and GitHub Actions. To know whether a commit is good you
            open three sites, and blame e-mails arrive from three different systems.
            """,
            """
            One page per commit that collects the results of all CI systems (something like Treeherder, or built on
            GitHub checks), and **one** notification per broken commit. Developers would watch this page instead of
            the individual systems, which changes their daily workflow.
            """,
            [
                new(ProposalState.UnderDiscussion, "priya-raman", Ago(5), "It changes what every developer watches after a commit, so the community consultation starts now."),
            ],
            [
                new("tom-becker", Ago(4), "Would this replace the blame e-mails entirely? Some people rely on them.",
                    new DemoReply("ken-sato", Ago(3.5), "No, they would come from the dashboard instead, once per commit rather than once per system."),
                    new DemoReply("amara-okafor", Ago(3), "That alone would be a big improvement for me.")),
                new("lena-fischer", Ago(2), "Let's look at what Rust and Firefox do before we build anything ourselves."),
            ]),
        new(
            "Migrate Windows setup instructions off GnuWin32", "sam-admin", Ago(33), ChangesWorkflow: false, ["documentation"],
            """
            The Windows *Getting started* page still tells people to install GnuWin32, which has not been updated since
            2010 and whose tools fail on current Windows versions.
            """,
            """
            Instructions that use current tools, with commands people can paste into their shell.
            """,
            [
                new(ProposalState.Withdrawn, "sam-admin", Ago(26), "Someone already fixed the page in the documentation repository; nothing left to do here."),
            ],
            [
                new("amara-okafor", Ago(30), "I think this was fixed last week — see the latest docs?",
                    new DemoReply("sam-admin", Ago(27), "You're right, thanks. I'll withdraw this.")),
            ]),
        new(
            "Central source of truth for accounts and groups", "tom-becker", Ago(28), ChangesWorkflow: true, ["source-repository", "forum", "chat"],
            """
            Accounts and permissions are managed separately in GitHub, the forum, Discord and the build bots. When
            someone leaves, nobody knows every place their access has to be removed.
            """,
            """
            One system that holds people, groups and permissions, from which every tool is configured.
            """,
            [
                new(ProposalState.UnderDiscussion, "lena-fischer", Ago(26), "Important for security; let's see what it would take."),
                new(ProposalState.Declined, "priya-raman", Ago(8), "Not now: the tools we use cannot all be driven from one system yet. We will revisit once the GitHub migration is done."),
            ],
            [
                new("ken-sato", Ago(24), "Rust uses a `team` repository that generates the permissions. It needs a bot with admin rights everywhere, though.",
                    new DemoReply("tom-becker", Ago(23), "That bot is exactly what worries the board. Can it be limited per tool?"),
                    new DemoReply("ken-sato", Ago(22), "Partly. The forum and Discord have no fine-grained API tokens.")),
                new("maria-santos", Ago(15), "Before deciding, could we at least write down where accounts live today? That part seems cheap."),
            ]),
        new(
            "Upgrade the buildbot master", "ken-sato", Ago(1.5), ChangesWorkflow: false, ["build-servers"],
            """
            The buildbot master runs a release from 2019, on Python 2. Security fixes no longer reach it, and the workers
            cannot use current features such as `--step-timeout`.
            """,
            """
            The master and the workers on the current buildbot release, with the configuration in version control and a
            tested rollback.
            """,
            [],
            []),
    ];
}
