using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Data;

/// <summary>
/// Statements of work built on the accepted demo proposals: one per delivery route, one of them
/// with two revisions and a discussion across both, and an unpublished draft for the editor.
/// Seeded once, after the proposals.
/// </summary>
internal static class DemoStatementsOfWork
{
    public static async Task SeedAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.StatementsOfWork.AnyAsync(cancellationToken))
        {
            return;
        }

        var people = await db.People.Where(p => p.IsDemo).ToDictionaryAsync(p => p.Login, p => p.Id, cancellationToken);
        var proposals = await db.Proposals.Where(p => p.State == ProposalState.Accepted).ToDictionaryAsync(p => p.Title, p => p.Id, cancellationToken);
        if (!people.TryGetValue("lena-fischer", out var lena) || !proposals.TryGetValue(MultiStageCi, out var ciProposal))
        {
            return;
        }

        var now = clock.GetUtcNow();
        DateTimeOffset Ago(double days) => now - TimeSpan.FromDays(days);
        var priya = people["priya-raman"];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The RFP one: published, reworked after the community asked about peak hours, published again, sourcing.
        var ci = new StatementOfWork([ciProposal], CiFirst, lena, Ago(9));
        ci.Publish(lena, Ago(8));
        db.StatementsOfWork.Add(ci);
        await db.SaveChangesAsync(cancellationToken);
        var question = Comment.Write(ci, people["amara-okafor"], null, "What counts as *peak*? The queue is long on weekday afternoons in Europe, but quiet at night.", Ago(7.5));
        db.Comments.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        db.Comments.Add(Comment.Write(ci, lena, question, "Good point — the next revision defines peak as 13:00–19:00 UTC on weekdays.", Ago(7)));
        ci.Move(SowState.Draft, lena, "Define peak hours and add the dashboard work item, after the discussion.", Ago(7), []);
        ci.EditDraft(CiSecond);
        ci.Publish(lena, Ago(6));
        ci.Move(SowState.Sourcing, priya, "Request for proposals opened.", Ago(6), []);
        await db.SaveChangesAsync(cancellationToken);
        db.Comments.Add(Comment.Write(ci, people["tom-becker"], null, "Revision 2 reads well. The 40 % target is ambitious but the numbers support it.", Ago(5)));
        await SeedRfpAsync(db, ci, people, now, cancellationToken);

        // Volunteers: the Python 3 scripts, which community members know best.
        var python = new StatementOfWork([proposals["Migrate Python 2 scripts to Python 3"]], Python, priya, Ago(20));
        python.Publish(priya, Ago(19));
        python.Move(SowState.Sourcing, priya, "Looking for volunteers.", Ago(18), []);
        db.StatementsOfWork.Add(python);
        await db.SaveChangesAsync(cancellationToken);
        var amaraOffer = VolunteerOffer.Offer(python.SourcingStage(), people["amara-okafor"], "I wrote half of `utils/release/` years ago; I'll take the release scripts.", Ago(17));
        db.VolunteerOffers.Add(amaraOffer);
        db.VolunteerOffers.Add(VolunteerOffer.Offer(python.SourcingStage(), people["sam-admin"], "I can port the test utilities over two weekends.", Ago(16)));
        await db.SaveChangesAsync(cancellationToken);
        amaraOffer.Assign(python.SourcingStage(), priya, Ago(15));

        // Bounty: the public documentation, written by someone who knows the machines.
        if (proposals.TryGetValue("Public documentation of the existing infrastructure", out var docsProposal))
        {
            var docs = new StatementOfWork([docsProposal], Documentation, priya, Ago(8));
            docs.Publish(priya, Ago(7));
            docs.Move(SowState.Sourcing, priya, "Bounty announced.", Ago(7), []);
            db.StatementsOfWork.Add(docs);
            await db.SaveChangesAsync(cancellationToken);
            var bounty = Bounty.Set(docs.SourcingStage(), null, hasApplications: false, 1_500m, "EUR", priya, Ago(7));
            db.Bounties.Add(bounty);
            await db.SaveChangesAsync(cancellationToken);
            db.BountyApplications.Add(BountyApplication.Apply(docs.SourcingStage(), bounty, people["amara-okafor"],
                "One page per service in three weeks, starting with the build servers; Sam has offered read access to the inventory.", Ago(6)));
            db.BountyApplications.Add(BountyApplication.Apply(docs.SourcingStage(), bounty, people["oskar-lind"],
                "I documented a similar setup for another compiler project; two weeks, reviewed page by page.", Ago(5)));
        }

        // A draft the working group is still writing: it shows what is missing before it can be published.
        if (proposals.TryGetValue("Decide on GitHub pull requests", out var pullRequests))
        {
            db.StatementsOfWork.Add(new StatementOfWork([pullRequests], PullRequestsDraft, people["tom-becker"], Ago(3)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The RFP of the CI statement of work: three sealed offers, a public question, a declared
    /// conflict, and the scores of two members after the deadline, so the ranking shows.
    /// </summary>
    private static async Task SeedRfpAsync(PortalDbContext db, StatementOfWork sow, Dictionary<string, int> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset Ago(double days) => now - TimeSpan.FromDays(days);
        var stage = sow.SourcingStage();
        var rfp = RequestForProposals.Open(stage, alreadyOpen: false, deadline: Ago(1), [("Price", 40), ("Approach", 35), ("Experience with Buildbot", 25)], people["priya-raman"], Ago(6));
        db.Rfps.Add(rfp);
        await db.SaveChangesAsync(cancellationToken);

        var question = rfp.Ask(stage, people["ines-moreau"], "May the fast stage run on our own machines, or must it use the sponsored builders?", Ago(5));
        db.RfpQuestions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        question.AnswerWith(people["lena-fischer"], "The sponsored builders: the fast stage must keep running if a contract ends.", Ago(4.5));

        RfpOffer[] offers =
        [
            rfp.Submit(stage, null, people["ken-sato"], new OfferTerms("Sato Build Systems", 18_000m, "EUR", "Six weeks from signature, in three iterations.",
                "We maintain the current buildbot configuration and would split it into stages with a scheduler per stage.", "Former work: https://example.org/sato/ci"), Ago(4)),
            rfp.Submit(stage, null, people["ines-moreau"], new OfferTerms("Moreau CI Consulting", 22_500m, "EUR", "Eight weeks, with a two-week trial on one builder.",
                "A staged pipeline with a dashboard plug-in, measured against the builder-hour target every week.", null), Ago(3)),
            rfp.Submit(stage, null, people["oskar-lind"], new OfferTerms("Lind & Co", 14_900m, "EUR", "Ten weeks, part time.",
                "Staging through buildbot's dependent schedulers; documentation for the working group included.", null), Ago(2)),
        ];
        db.RfpOffers.AddRange(offers);
        db.RfpConflicts.Add(rfp.DeclareConflict([], people["tom-becker"], "Lind & Co", "I advised Lind & Co last year.", Ago(3)));
        await db.SaveChangesAsync(cancellationToken);

        // Scores after the deadline, per member, offer and criterion (0–10).
        var workingGroup = new RoleSet([Role.WorkingGroupMember]);
        int[][] lena = [[7, 8, 9], [5, 9, 7], [9, 6, 5]];
        int[][] priya = [[7, 7, 9], [6, 8, 8], [8, 6, 6]];
        foreach (var (scorer, table) in new[] { ("lena-fischer", lena), ("priya-raman", priya) })
        {
            for (var o = 0; o < offers.Length; o++)
            {
                for (var c = 0; c < rfp.Criteria.Count; c++)
                {
                    db.RfpScores.Add(rfp.Score(stage, offers[o], people[scorer], workingGroup, conflicted: false, rfp.Criteria[c].Key, table[o][c], null, null, Ago(0.5)));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private const string MultiStageCi = "Multi-stage CI: cheap builds first";

    private static readonly SowContent CiFirst = new(
        "Multi-stage CI: cheap builds first",
        """
        Every commit triggers every builder at once. The expensive configurations (full bootstrap, sanitizers,
        exotic targets) spend hours on commits that a 10-minute build would already have rejected: over the
        last three months, 61 % of expensive builds ran on commits that had failed a fast build.
        """,
        """
        A contractor works with the working group in two-week iterations, with a short public progress note
        after each. Changes to the buildbot configuration go through the normal review process.
        """,
        "Buildbot (master and workers), Python 3, experience with CI pipelines for large C++ projects.",
        """
        - A **fast stage** (build and unit tests on one Linux configuration) runs on every commit.
        - The **expensive builders** run only on commits whose fast stage passed.
        - Developers can still force an expensive build on a commit by hand.
        """,
        "No extra queue time for the fast stage at peak. Builder hours for expensive configurations fall by at least 40 %.",
        [
            new WorkItem("w1", "Staged pipeline", "Split the builders into a fast and an expensive stage in the buildbot master.",
            [
                new AcceptanceCriterion("c1", "Expensive builders only start on commits whose fast stage passed."),
                new AcceptanceCriterion("c2", "A forced build on any commit runs every stage."),
            ]),
        ],
        [new ServiceLevelObjective("s1", "build-servers", "≥ 99.5 % availability of the fast stage", "30 days", "portal probes every minute")],
        ["build-servers"],
        DeliveryRoute.RequestForProposals);

    private static readonly SowContent CiSecond = CiFirst with
    {
        NonFunctionalRequirements = """
            No extra queue time for the fast stage at peak (13:00–19:00 UTC on weekdays). Builder hours for
            expensive configurations fall by at least 40 %, measured over four weeks after the switch.
            """,
        WorkItems =
        [
            CiFirst.WorkItems[0],
            new WorkItem("w2", "Stage dashboard", "Show the result of each stage per commit on the buildbot console.",
            [
                new AcceptanceCriterion("c3", "Each commit shows the state of both stages."),
                new AcceptanceCriterion("c4", "A failed fast stage links to its log in one click."),
            ]),
        ],
    };

    private static readonly SowContent Python = new(
        "Python 3 for the utility scripts",
        """
        About thirty utility scripts still start with `#!/usr/bin/env python2`. Python 2 is out of support and no
        longer installed on current distributions, so the scripts fail for new contributors.
        """,
        "Volunteers take one directory each and send ordinary pull requests; a working-group member reviews them.",
        "Python 2 and 3, the scripts' domains (release tooling, test utilities).",
        "Every script under `utils/` runs on Python 3.8 or later with the same behaviour; the Python 2 shims are removed.",
        "CI runs each script's self-test on Python 3.8 and the newest Python.",
        [
            new WorkItem("w1", "Release scripts", "Port `utils/release/` and remove its calls to `python` without a version.",
            [new AcceptanceCriterion("c1", "A release candidate is tagged with the ported scripts on a machine without Python 2.")]),
            new WorkItem("w2", "Test utilities", "Port `utils/testing/` and its helpers.",
            [new AcceptanceCriterion("c2", "The test suite passes with only Python 3 installed.")]),
        ],
        [],
        [],
        DeliveryRoute.Volunteers);

    private static readonly SowContent Documentation = new(
        "Public documentation of the infrastructure",
        "Which machines run what, who set them up and why is known to a few people only.",
        "One community member writes the pages in the documentation repository, reviewed by the working group.",
        "Technical writing; access to the machine inventory (read only) is provided.",
        "A public page per service: what it is, why we run it, who operates it, and how to get help.",
        "No secrets, host names of internal machines or personal data in the pages.",
        [
            new WorkItem("w1", "One page per service", "Cover every service in the catalogue.",
            [
                new AcceptanceCriterion("c1", "Every service in the catalogue links to its page."),
                new AcceptanceCriterion("c2", "Each page names its operator and how to get help."),
            ]),
        ],
        [],
        [],
        DeliveryRoute.Bounty);

    private static readonly SowContent PullRequestsDraft = SowContent.Empty("Move code review to GitHub pull requests") with
    {
        Problem = "Reviews happen in Phabricator, which is no longer maintained; most contributors already know GitHub pull requests.",
        WorkMode = "The working group and volunteers, with a contractor for the Phabricator archive.",
        WorkItems =
        [
            new WorkItem("w1", "Read-only Phabricator archive", "Keep every old review link working as a static page.", []),
        ],
        ServiceSlugs = ["code-review"],
    };
}
