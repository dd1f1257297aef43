namespace IwgPortal.Domain.Proposals;

/// <summary>Someone who wants to hear about a proposal (notifications come later).</summary>
public sealed class ProposalFollower
{
    private ProposalFollower()
    {
    }

    public ProposalFollower(int proposalId, int personId, DateTimeOffset since)
    {
        ProposalId = proposalId;
        PersonId = personId;
        Since = since;
    }

    public int ProposalId { get; private set; }

    public int PersonId { get; private set; }

    public DateTimeOffset Since { get; private set; }
}
