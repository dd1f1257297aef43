using System.Globalization;

namespace IwgPortal.Web.Pages.Proposals;

/// <summary>The one place that spells a proposal's canonical address.</summary>
public static class ProposalLinks
{
    public static string For(int id, string slug) =>
        string.IsNullOrEmpty(slug)
            ? string.Create(CultureInfo.InvariantCulture, $"/proposals/{id}")
            : string.Create(CultureInfo.InvariantCulture, $"/proposals/{id}/{slug}");

    public static string Feed(int id) => string.Create(CultureInfo.InvariantCulture, $"/proposals/{id}/feed");
}
