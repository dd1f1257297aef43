using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.Proposals;

/// <summary>
/// A proposed infrastructure change: "anyone in the community (including contractors) can
/// propose a change". Public from the start; moved through its states by the working group.
/// </summary>
public sealed class Proposal : IAudited
{
    public const int MaxTitleLength = 160;
    public const int MaxTextLength = 20_000;
    public const int MaxLinks = 10;
    public const int MaxServices = 10;
    public static readonly TimeSpan DefaultConsultationPeriod = TimeSpan.FromDays(14);

    public static string AuditKind => "proposal";

    private readonly List<ProposalTransition> _transitions = [];
    private readonly List<int> _serviceIds = [];
    private readonly List<string> _links = [];

    private Proposal()
    {
        Title = string.Empty;
        Problem = string.Empty;
        DesiredOutcome = string.Empty;
    }

    public Proposal(int authorId, string title, string problem, string desiredOutcome, bool changesWorkflow,
        IEnumerable<int> serviceIds, IEnumerable<string> links, Guid submissionKey, DateTimeOffset now)
    {
        AuthorId = authorId;
        Title = Guard.Text(title, "Title", MaxTitleLength);
        Problem = Guard.Text(problem, "Problem statement", MaxTextLength);
        DesiredOutcome = Guard.Text(desiredOutcome, "Desired outcome", MaxTextLength);
        ChangesWorkflow = changesWorkflow;
        _serviceIds = [.. serviceIds.Distinct()];
        if (_serviceIds.Count > MaxServices)
        {
            throw new DomainException($"A proposal names at most {MaxServices} services.");
        }

        _links = [.. links.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => Guard.OptionalHttpUrl(l, "Link")!.ToString()).Distinct()];
        if (_links.Count > MaxLinks)
        {
            throw new DomainException($"A proposal has at most {MaxLinks} links.");
        }

        SubmissionKey = submissionKey;
        State = ProposalState.Submitted;
        SubmittedAt = now;
        LastActivityAt = now;
    }

    public int Id { get; private set; }

    [Public]
    public int AuthorId { get; private set; }

    [Public]
    public string Title { get; private set; }

    [Public]
    public string Problem { get; private set; }

    [Public]
    public string DesiredOutcome { get; private set; }

    /// <summary>"Changes with significant impact on the workflow of the developers need to get approved by the community."</summary>
    [Public]
    public bool ChangesWorkflow { get; private set; }

    [Public]
    public ProposalState State { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    [Public]
    public DateTimeOffset? DiscussionStartedAt { get; private set; }

    /// <summary>
    /// For a workflow change: the end of the community consultation, fixed when discussion starts.
    /// Statements of work built on this proposal check it before going to a vote.
    /// </summary>
    [Public]
    public DateTimeOffset? ConsultationEndsAt { get; private set; }

    [Public]
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The author's key for this submission: the same form sent twice makes one proposal.</summary>
    public Guid SubmissionKey { get; private set; }

    /// <summary>
    /// Counts the moves: the token that makes concurrent moves conflict. Comments do not change
    /// it, so commenting never makes a WG member's decision fail.
    /// </summary>
    [NotAudited]
    public int Version { get; private set; }

    [NotAudited]
    public int CommentCount { get; private set; }

    [NotAudited]
    public DateTimeOffset LastActivityAt { get; private set; }

    public IReadOnlyList<int> ServiceIds => _serviceIds;

    public IReadOnlyList<string> Links => _links;

    public IReadOnlyList<ProposalTransition> Transitions => _transitions;

    public bool AcceptsComments => State != ProposalState.Withdrawn;

    public bool IsConsultationOpenAt(DateTimeOffset instant) =>
        ChangesWorkflow && (ConsultationEndsAt is null || instant < ConsultationEndsAt);

    /// <summary>Moves the proposal; the caller says whether the actor is a WG member.</summary>
    public ProposalTransition Move(ProposalState to, int actorId, bool actorIsWorkingGroup, string? reason, DateTimeOffset now, TimeSpan consultationPeriod)
    {
        if (!State.NextStates().Contains(to))
        {
            throw new DomainException(State.IsDecided()
                ? $"This proposal is already {State.Display().ToLowerInvariant()}; it cannot move any more."
                : $"A proposal cannot move from {State.Display()} to {to.Display()}.");
        }

        string cleanReason;
        if (to == ProposalState.Withdrawn)
        {
            if (actorId != AuthorId)
            {
                throw new DomainException("Only the author can withdraw a proposal.");
            }

            cleanReason = Guard.OptionalText(reason, "Reason", ProposalTransition.MaxReasonLength) ?? string.Empty;
        }
        else
        {
            if (!actorIsWorkingGroup)
            {
                throw new DomainException("Only working-group members move proposals into discussion or decide them.");
            }

            cleanReason = Guard.Text(reason, "Reason", ProposalTransition.MaxReasonLength);
        }

        var transition = new ProposalTransition(State, to, actorId, cleanReason, now);
        _transitions.Add(transition);
        State = to;
        Version++;
        LastActivityAt = now;
        if (to == ProposalState.UnderDiscussion)
        {
            DiscussionStartedAt = now;
            ConsultationEndsAt = ChangesWorkflow ? now + consultationPeriod : null;
        }
        else if (to.IsDecided())
        {
            DecidedAt = now;
        }

        return transition;
    }
}
