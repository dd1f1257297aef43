namespace IwgPortal.Domain.Proposals;

/// <summary>governance.md, "The life of a change", step 1.</summary>
public enum ProposalState
{
    Submitted,
    UnderDiscussion,
    Accepted,
    Declined,
    Withdrawn,
}

public static class ProposalStates
{
    public static string Display(this ProposalState state) => state switch
    {
        ProposalState.Submitted => "Submitted",
        ProposalState.UnderDiscussion => "Under discussion",
        ProposalState.Accepted => "Accepted",
        ProposalState.Declined => "Declined",
        ProposalState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static bool IsDecided(this ProposalState state) => state is ProposalState.Accepted or ProposalState.Declined or ProposalState.Withdrawn;

    /// <summary>Only accepted proposals become statements of work; acceptance is final, so no other proposal has one.</summary>
    public static bool BecomesStatementOfWork(this ProposalState state) => state == ProposalState.Accepted;

    /// <summary>
    /// The legal moves. Working-group members move a proposal into discussion and decide it;
    /// only its author withdraws it, and only before a decision.
    /// </summary>
    public static IReadOnlyList<ProposalState> NextStates(this ProposalState state) => state switch
    {
        ProposalState.Submitted => [ProposalState.UnderDiscussion, ProposalState.Withdrawn],
        ProposalState.UnderDiscussion => [ProposalState.Accepted, ProposalState.Declined, ProposalState.Withdrawn],
        _ => [],
    };
}
