using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IwgPortal.Domain.StatementsOfWork;

public enum DeliveryRoute
{
    Volunteers,
    Bounty,
    RequestForProposals,
}

/// <summary>One acceptance criterion; its key stays the same across revisions so deliveries can cite it.</summary>
public sealed record AcceptanceCriterion(string Key, string Text);

public sealed record WorkItem(string Key, string Title, string Description, IReadOnlyList<AcceptanceCriterion> Criteria);

/// <summary>A service level objective, e.g. availability ≥ 99.5 % over 30 days, measured by probes.</summary>
public sealed record ServiceLevelObjective(string Key, string? ServiceSlug, string Target, string Window, string Measurement);

/// <summary>
/// The text of a statement of work: the typed sections of the founding proposal ("an overview of
/// the workmode, the required skills, the functional and non-functional requirements, the work
/// items, the acceptance criteria, and the service level objectives"). Immutable: an edit makes a
/// new value, a publication freezes one.
/// </summary>
public sealed record SowContent(
    string Title,
    string Problem,
    string WorkMode,
    string RequiredSkills,
    string FunctionalRequirements,
    string NonFunctionalRequirements,
    IReadOnlyList<WorkItem> WorkItems,
    IReadOnlyList<ServiceLevelObjective> Objectives,
    IReadOnlyList<string> ServiceSlugs,
    DeliveryRoute? Route)
{
    public static SowContent Empty(string title) => new(title, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, [], [], [], null);

    /// <summary>
    /// The canonical form that revision hashes are computed over: fixed property order, lists in
    /// document order, line endings normalised, no insignificant white space.
    /// </summary>
    public string Canonical()
    {
        static string N(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var canonical = new
        {
            title = N(Title),
            problem = N(Problem),
            workMode = N(WorkMode),
            requiredSkills = N(RequiredSkills),
            functionalRequirements = N(FunctionalRequirements),
            nonFunctionalRequirements = N(NonFunctionalRequirements),
            workItems = WorkItems.Select(w => new { key = w.Key, title = N(w.Title), description = N(w.Description), criteria = w.Criteria.Select(c => new { key = c.Key, text = N(c.Text) }) }),
            objectives = Objectives.Select(o => new { key = o.Key, service = o.ServiceSlug, target = N(o.Target), window = N(o.Window), measurement = N(o.Measurement) }),
            services = ServiceSlugs.Order(StringComparer.Ordinal),
            route = Route?.ToString(),
        };
        return JsonSerializer.Serialize(canonical);
    }

    /// <summary>Hex SHA-256 of the canonical form: the fingerprint shown on each revision.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));

    /// <summary>What is missing before this text can be published, in words a WG member can act on.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        void Require(string text, string section)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                missing.Add($"{section} is empty.");
            }
        }

        Require(Title, "The title");
        Require(Problem, "The problem description");
        Require(WorkMode, "The work mode");
        Require(RequiredSkills, "The required skills");
        Require(FunctionalRequirements, "The functional requirements");
        Require(NonFunctionalRequirements, "The non-functional requirements");
        if (WorkItems.Count == 0)
        {
            missing.Add("There are no work items.");
        }

        foreach (var item in WorkItems)
        {
            if (string.IsNullOrWhiteSpace(item.Title))
            {
                missing.Add($"Work item {item.Key} has no title.");
            }

            if (item.Criteria.Count == 0 || item.Criteria.All(c => string.IsNullOrWhiteSpace(c.Text)))
            {
                missing.Add($"Work item “{Label(item)}” has no acceptance criteria.");
            }
        }

        foreach (var slug in ServiceSlugs.Where(s => !Objectives.Any(o => o.ServiceSlug == s)))
        {
            missing.Add($"The service “{slug}” it will operate has no service level objective.");
        }

        foreach (var objective in Objectives.Where(o => string.IsNullOrWhiteSpace(o.Target) || string.IsNullOrWhiteSpace(o.Window) || string.IsNullOrWhiteSpace(o.Measurement)))
        {
            missing.Add($"Service level objective {objective.Key} needs a target, a window and a measurement.");
        }

        if (Route is null)
        {
            missing.Add("No delivery route is chosen (volunteers, bounty or request for proposals).");
        }

        var keys = WorkItems.Select(w => w.Key).Concat(WorkItems.SelectMany(w => w.Criteria).Select(c => c.Key)).Concat(Objectives.Select(o => o.Key)).ToList();
        foreach (var duplicate in keys.GroupBy(k => k).Where(g => g.Count() > 1))
        {
            missing.Add($"The key {duplicate.Key} is used twice.");
        }

        return missing;
    }

    private static string Label(WorkItem item) => string.IsNullOrWhiteSpace(item.Title) ? item.Key : item.Title.Trim();
}
