using IwgPortal.Domain.Services;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Data;

/// <summary>
/// The catalogue starts with one entry per kind of infrastructure named in the founding proposal,
/// in production too; the working group then edits them.
/// </summary>
internal static class ReferenceData
{
    public static async Task SeedAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Services.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Services.AddRange(
            new InfrastructureService("source-repository", ServiceKind.SourceRepository, "Source code repository",
                "The monorepo on GitHub: branches, tags, access rights and the merge policy.", "Working group", "https://docs.github.com/repositories"),
            new InfrastructureService("bug-tracker", ServiceKind.BugTracker, "Bug tracker",
                "GitHub issues with the project's labels, templates and triage rotation.", "Volunteers", null),
            new InfrastructureService("build-servers", ServiceKind.BuildServers, "Build servers and bots",
                "Buildbot workers, pre-merge testing and the other CI systems that build every commit.", "Volunteers", null),
            new InfrastructureService("web-sites", ServiceKind.WebSites, "Web sites",
                "The project's home page, release pages and the documentation site.", "Working group", null),
            new InfrastructureService("build-system", ServiceKind.BuildSystem, "Build system and scripts",
                "CMake configuration, utility scripts and release tooling.", "Volunteers", null),
            new InfrastructureService("code-review", ServiceKind.CodeReview, "Code review",
                "Pull request review on GitHub, with the project's review bots.", "Working group", null),
            new InfrastructureService("mailing-lists", ServiceKind.MailingLists, "Mailing lists",
                "The commit and announcement lists and their archives.", "Volunteers", null),
            new InfrastructureService("forum", ServiceKind.Forum, "Forum",
                "The community forum: categories, moderation and single sign-on.", "Volunteers", null),
            new InfrastructureService("chat", ServiceKind.Chat, "Chat",
                "IRC and Discord: channels, bridges and moderation.", "Volunteers", null),
            new InfrastructureService("documentation", ServiceKind.Documentation, "Documentation of the tools",
                "How each tool and workflow is used, why, and who runs it.", "Working group", null));
        await db.SaveChangesAsync(cancellationToken);
    }
}
