namespace IwgPortal.Domain.Services;

/// <summary>The ten kinds of infrastructure of the founding proposal ("Definition of infrastructure").</summary>
public enum ServiceKind
{
    SourceRepository,
    BugTracker,
    BuildServers,
    WebSites,
    BuildSystem,
    CodeReview,
    MailingLists,
    Forum,
    Chat,
    Documentation,
}

public static class ServiceKindNames
{
    public static string Display(this ServiceKind kind) => kind switch
    {
        ServiceKind.SourceRepository => "Source code repository",
        ServiceKind.BugTracker => "Bug tracker",
        ServiceKind.BuildServers => "Build servers",
        ServiceKind.WebSites => "Web sites",
        ServiceKind.BuildSystem => "Build system and scripts",
        ServiceKind.CodeReview => "Code review",
        ServiceKind.MailingLists => "Mailing lists",
        ServiceKind.Forum => "Forum",
        ServiceKind.Chat => "Chat",
        ServiceKind.Documentation => "Documentation",
        _ => kind.ToString(),
    };
}
