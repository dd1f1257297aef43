namespace IwgPortal.Domain.Proposals;

/// <summary>One move of a proposal, with its public reason. Never changed once written.</summary>
public sealed class ProposalTransition
{
    public const int MaxReasonLength = 2_000;

    private ProposalTransition()
    {
        Reason = string.Empty;
    }

    internal ProposalTransition(ProposalState from, ProposalState to, int actorId, string reason, DateTimeOffset at)
    {
        From = from;
        To = to;
        ActorId = actorId;
        Reason = reason;
        At = at;
    }

    public int Id { get; private set; }

    public int ProposalId { get; private set; }

    public ProposalState From { get; private set; }

    public ProposalState To { get; private set; }

    public int ActorId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}
