using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.StatementsOfWork;
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

        // Volunteers: the Python 3 scripts, which community members know best.
        var python = new StatementOfWork([proposals["Migrate Python 2 scripts to Python 3"]], Python, priya, Ago(20));
        python.Publish(priya, Ago(19));
        python.Move(SowState.Sourcing, priya, "Looking for volunteers.", Ago(18), []);
        db.StatementsOfWork.Add(python);

        // Bounty: the public documentation, written by someone who knows the machines.
        if (proposals.TryGetValue("Public documentation of the existing infrastructure", out var docsProposal))
        {
            var docs = new StatementOfWork([docsProposal], Documentation, priya, Ago(8));
            docs.Publish(priya, Ago(7));
            docs.Move(SowState.Sourcing, priya, "Bounty announced.", Ago(7), []);
            db.StatementsOfWork.Add(docs);
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
