using IwgPortal.Domain.StatementsOfWork;

namespace IwgPortal.Web.Features.StatementsOfWork;

public sealed record SowProposalRef(int Id, string Title, bool ChangesWorkflow, DateTimeOffset? ConsultationEndsAt);

public sealed record SowRevisionItem(int Number, string Sha256, string PublishedBy, DateTimeOffset PublishedAt);

public sealed record SowTransitionItem(SowState From, SowState To, string ActorLogin, string Reason, DateTimeOffset At);

/// <summary>
/// A statement of work as the reader may see it: the public always the latest published text;
/// working-group members also the draft, what is missing to publish it, and its version.
/// </summary>
public sealed record SowDetails(
    int Id, string Title, SowState State, IReadOnlyList<SowProposalRef> Proposals, IReadOnlyList<SowRevisionItem> Revisions,
    SowContent? Published, SowContent? Draft, IReadOnlyList<string>? MissingToPublish, bool? HasUnpublishedChanges,
    IReadOnlyList<SowTransitionItem> Transitions, IReadOnlyList<SowState> NextStates, uint? Version);

public sealed record SowItem(int Id, string Title, SowState State, int RevisionCount, DeliveryRoute? Route);

public sealed record SowRevisionDetails(int SowId, int Number, string Sha256, string PublishedBy, DateTimeOffset PublishedAt, SowContent Content);
