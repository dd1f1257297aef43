using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IwgPortal.Domain.Proposals;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>Shapes shared by the proposal slices, pages, API and feeds.</summary>
public sealed record ServiceRef(string Slug, string Name);

public sealed record ProposalItem(
    int Id, string Slug, string Title, ProposalState State, string AuthorLogin, string AuthorName, bool ChangesWorkflow,
    IReadOnlyList<ServiceRef> Services, int CommentCount, DateTimeOffset SubmittedAt, DateTimeOffset LastActivityAt);

public sealed record TransitionItem(ProposalState From, ProposalState To, string ActorLogin, string Reason, DateTimeOffset At);

public sealed record ProposalDetails(
    int Id, string Slug, string Title, string Problem, string DesiredOutcome, ProposalState State,
    int AuthorId, string AuthorLogin, string AuthorName, bool ChangesWorkflow, IReadOnlyList<ServiceRef> Services, IReadOnlyList<string> Links,
    DateTimeOffset SubmittedAt, DateTimeOffset? DiscussionStartedAt, DateTimeOffset? ConsultationEndsAt, DateTimeOffset? DecidedAt,
    int CommentCount, int FollowerCount, bool IsFollowing, IReadOnlyList<TransitionItem> Transitions, IReadOnlyList<ProposalState> NextStates,
    uint Version)
{
    public bool IsConsultationOpenAt(DateTimeOffset now) => ChangesWorkflow && (ConsultationEndsAt is null || now < ConsultationEndsAt);
}

public static partial class ProposalSlugs
{
    /// <summary>A readable URL tail from the title; the id alone identifies the proposal.</summary>
    public static string From(string title)
    {
        var normalized = title.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                ascii.Append(char.ToLowerInvariant(c));
            }
        }

        var slug = NonWord().Replace(ascii.ToString(), "-").Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
