using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.StatementsOfWork;

/// <summary>Whether a proposal's community consultation is still running, as its SOW sees it.</summary>
public sealed record LinkedProposal(int ProposalId, string Title, DateTimeOffset? ConsultationEndsAt, bool ChangesWorkflow)
{
    public bool IsConsultationOpenAt(DateTimeOffset instant) => ChangesWorkflow && (ConsultationEndsAt is null || instant < ConsultationEndsAt);
}

/// <summary>A published text, frozen: numbered, immutable, fingerprinted.</summary>
public sealed record SowRevision(int Number, SowContent Content, string Sha256, int PublishedById, DateTimeOffset PublishedAt);

/// <summary>One move of an SOW, with its public reason.</summary>
public sealed record SowTransition(SowState From, SowState To, int ActorId, string Reason, DateTimeOffset At);

/// <summary>
/// A statement of work: drafted by the working group from accepted proposals, published as
/// immutable revisions, then sourced and decided. "The SOW shall be made public."
/// </summary>
public sealed class StatementOfWork : IAudited
{
    public const int MaxTitleLength = 160;

    public static string AuditKind => "sow";

    private readonly List<SowRevision> _revisions = [];
    private readonly List<SowTransition> _transitions = [];
    private readonly List<int> _proposalIds;

    private StatementOfWork()
    {
        Draft = SowContent.Empty(string.Empty);
        _proposalIds = [];
    }

    public StatementOfWork(IReadOnlyCollection<int> acceptedProposalIds, SowContent draft, int createdById, DateTimeOffset now)
    {
        if (acceptedProposalIds.Count == 0)
        {
            throw new DomainException("A statement of work starts from at least one accepted proposal.");
        }

        Guard.Text(draft.Title, "Title", MaxTitleLength);
        _proposalIds = [.. acceptedProposalIds.Distinct()];
        Draft = draft;
        CreatedById = createdById;
        CreatedAt = now;
        State = SowState.Draft;
    }

    public int Id { get; private set; }

    [Public]
    public SowState State { get; private set; }

    /// <summary>The working text. After a publication it starts as a copy of the latest revision.</summary>
    public SowContent Draft { get; private set; }

    public int CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<int> ProposalIds => _proposalIds;

    public IReadOnlyList<SowRevision> Revisions => _revisions;

    public IReadOnlyList<SowTransition> Transitions => _transitions;

    public SowRevision? Latest => _revisions.Count == 0 ? null : _revisions[^1];

    /// <summary>Whether the draft differs from what was last published.</summary>
    public bool HasUnpublishedChanges => DiffersFromPublished(Draft, Latest?.Sha256);

    /// <summary>Whether a draft differs from the revision published last (none: always), compared by canonical hash.</summary>
    public static bool DiffersFromPublished(SowContent draft, string? latestSha256) => latestSha256 is null || latestSha256 != draft.Sha256();

    /// <summary>The state and published route that the delivery routes check their rules against.</summary>
    public Sourcing.SourcingStage SourcingStage() => new(Id, State, Latest?.Content.Route);

    public void EditDraft(SowContent content)
    {
        if (State != SowState.Draft)
        {
            throw new DomainException("Only a draft can be edited: move the statement of work back to Draft first, with a reason.");
        }

        Guard.Text(content.Title, "Title", MaxTitleLength);
        Draft = content;
    }

    /// <summary>Freezes the draft as the next revision and makes the SOW public.</summary>
    public SowRevision Publish(int actorId, DateTimeOffset now)
    {
        if (State != SowState.Draft)
        {
            throw new DomainException($"Only a draft can be published; this statement of work is {State}.");
        }

        var missing = Draft.Missing();
        if (missing.Count > 0)
        {
            throw new DomainException("Not ready to publish: " + string.Join(" ", missing));
        }

        if (!HasUnpublishedChanges)
        {
            throw new DomainException("Nothing changed since revision " + Latest!.Number + ".");
        }

        var revision = new SowRevision(_revisions.Count + 1, Draft, Draft.Sha256(), actorId, now);
        _revisions.Add(revision);
        Record(SowState.Published, actorId, $"Revision {revision.Number} published.", now);
        return revision;
    }

    /// <summary>
    /// Moves within the part of the machine this SOW's current stage owns: sourcing, decision,
    /// back to draft, cancellation. The board, contract and delivery moves belong to later stages.
    /// </summary>
    public void Move(SowState to, int actorId, string? reason, DateTimeOffset now, IReadOnlyCollection<LinkedProposal> proposals)
    {
        if (to == SowState.Published)
        {
            throw new DomainException("Publish the draft to make a new revision.");
        }

        if (!State.NextStates().Contains(to))
        {
            throw new DomainException($"A statement of work cannot move from {State} to {to}.");
        }

        var cleanReason = SowStates.IsBackToDraft(State, to) || to == SowState.Cancelled
            ? Guard.Text(reason, "Reason", 2_000)
            : Guard.OptionalText(reason, "Reason", 2_000) ?? string.Empty;
        if (to == SowState.Sourcing && Draft.Route is null)
        {
            throw new DomainException("Choose a delivery route before sourcing.");
        }

        if (to == SowState.InDecision)
        {
            var open = proposals.Where(p => _proposalIds.Contains(p.ProposalId) && p.IsConsultationOpenAt(now)).ToList();
            if (open.Count > 0)
            {
                throw new DomainException("The community consultation of " + string.Join(", ", open.Select(p => $"“{p.Title}”"))
                    + " is still open; the decision can start when it ends.");
            }
        }

        Record(to, actorId, cleanReason, now);
    }

    private void Record(SowState to, int actorId, string reason, DateTimeOffset now)
    {
        _transitions.Add(new SowTransition(State, to, actorId, reason, now));
        State = to;
    }
}
