using System.Globalization;
using System.Text.RegularExpressions;
using IwgPortal.Domain.StatementsOfWork;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// The editor's form, bound field by field (never the command itself). Lists are posted in
/// document order; keys travel with their items, so reordering never renames anything.
/// </summary>
public sealed partial class SowInput
{
    public string? Title { get; set; }

    public string? Problem { get; set; }

    public string? WorkMode { get; set; }

    public string? RequiredSkills { get; set; }

    public string? FunctionalRequirements { get; set; }

    public string? NonFunctionalRequirements { get; set; }

    public List<WorkItemInput> WorkItems { get; set; } = [];

    public List<ObjectiveInput> Objectives { get; set; } = [];

    public List<string> ServiceSlugs { get; set; } = [];

    public DeliveryRoute? Route { get; set; }

    public uint Version { get; set; }

    public static SowInput From(SowContent content, uint version) => new()
    {
        Title = content.Title,
        Problem = content.Problem,
        WorkMode = content.WorkMode,
        RequiredSkills = content.RequiredSkills,
        FunctionalRequirements = content.FunctionalRequirements,
        NonFunctionalRequirements = content.NonFunctionalRequirements,
        WorkItems = [.. content.WorkItems.Select(w => new WorkItemInput
        {
            Key = w.Key, Title = w.Title, Description = w.Description,
            Criteria = [.. w.Criteria.Select(c => new CriterionInput { Key = c.Key, Text = c.Text })],
        })],
        Objectives = [.. content.Objectives.Select(o => new ObjectiveInput { Key = o.Key, ServiceSlug = o.ServiceSlug, Target = o.Target, Window = o.Window, Measurement = o.Measurement })],
        ServiceSlugs = [.. content.ServiceSlugs],
        Route = content.Route,
        Version = version,
    };

    public SowContent ToContent()
    {
        EnsureKeys();
        return new SowContent(
            T(Title), T(Problem), T(WorkMode), T(RequiredSkills), T(FunctionalRequirements), T(NonFunctionalRequirements),
            [.. WorkItems.Select(w => new WorkItem(w.Key!, T(w.Title), T(w.Description), [.. w.Criteria.Select(c => new AcceptanceCriterion(c.Key!, T(c.Text)))]))],
            [.. Objectives.Select(o => new ServiceLevelObjective(o.Key!, string.IsNullOrEmpty(o.ServiceSlug) ? null : o.ServiceSlug, T(o.Target), T(o.Window), T(o.Measurement)))],
            [.. ServiceSlugs.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct()],
            Route);
    }

    /// <summary>
    /// Applies one structural change of the form without JavaScript ("add-item", "remove-item:2",
    /// "up-criterion:1:0", ...). Indexes are those of the page that was posted. False if unknown.
    /// </summary>
    public bool Apply(string? op, IEnumerable<string> knownKeys)
    {
        if (string.IsNullOrEmpty(op) || op == "save")
        {
            return op is not null;
        }

        var parts = op.Split(':');
        int Arg(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var used = knownKeys.ToList();
        switch (parts[0])
        {
            case "add-item":
                WorkItems.Add(new WorkItemInput { Key = NextKey("w", used), Criteria = [new CriterionInput { Key = NextKey("c", used) }] });
                return true;
            case "remove-item":
                return RemoveAt(WorkItems, Arg(1));
            case "up-item":
                return Swap(WorkItems, Arg(1), Arg(1) - 1);
            case "down-item":
                return Swap(WorkItems, Arg(1), Arg(1) + 1);
            case "add-criterion" when Arg(1) >= 0 && Arg(1) < WorkItems.Count:
                WorkItems[Arg(1)].Criteria.Add(new CriterionInput { Key = NextKey("c", used) });
                return true;
            case "remove-criterion" when Arg(1) >= 0 && Arg(1) < WorkItems.Count:
                return RemoveAt(WorkItems[Arg(1)].Criteria, Arg(2));
            case "up-criterion" when Arg(1) >= 0 && Arg(1) < WorkItems.Count:
                return Swap(WorkItems[Arg(1)].Criteria, Arg(2), Arg(2) - 1);
            case "down-criterion" when Arg(1) >= 0 && Arg(1) < WorkItems.Count:
                return Swap(WorkItems[Arg(1)].Criteria, Arg(2), Arg(2) + 1);
            case "add-objective":
                Objectives.Add(new ObjectiveInput { Key = NextKey("s", used) });
                return true;
            case "remove-objective":
                return RemoveAt(Objectives, Arg(1));
            default:
                return false;
        }
    }

    /// <summary>Every key in the form, so new ones never reuse one.</summary>
    public IEnumerable<string> Keys() =>
        WorkItems.Select(w => w.Key).Concat(WorkItems.SelectMany(w => w.Criteria).Select(c => c.Key)).Concat(Objectives.Select(o => o.Key)).OfType<string>();

    /// <summary>The next key with this prefix: one more than the highest ever seen, e.g. w3 after w1 and w2.</summary>
    public static string NextKey(string prefix, List<string> used)
    {
        var highest = used.Select(k => KeyPattern().Match(k)).Where(m => m.Success && m.Groups[1].Value == prefix)
            .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        var key = prefix + (highest + 1).ToString(CultureInfo.InvariantCulture);
        used.Add(key);
        return key;
    }

    /// <summary>The highest number used with each prefix; the editor's script continues from there.</summary>
    public static int Highest(string prefix, IEnumerable<string> keys) =>
        keys.Select(k => KeyPattern().Match(k)).Where(m => m.Success && m.Groups[1].Value == prefix)
            .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    private void EnsureKeys()
    {
        // A posted item without a key (a hand-made form) gets a fresh one rather than failing.
        var used = Keys().ToList();
        foreach (var item in WorkItems)
        {
            item.Key = string.IsNullOrWhiteSpace(item.Key) ? NextKey("w", used) : item.Key.Trim();
            foreach (var criterion in item.Criteria)
            {
                criterion.Key = string.IsNullOrWhiteSpace(criterion.Key) ? NextKey("c", used) : criterion.Key.Trim();
            }
        }

        foreach (var objective in Objectives)
        {
            objective.Key = string.IsNullOrWhiteSpace(objective.Key) ? NextKey("s", used) : objective.Key.Trim();
        }
    }

    private static string T(string? text) => text ?? string.Empty;

    private static bool RemoveAt<T>(List<T> list, int index)
    {
        if (index < 0 || index >= list.Count)
        {
            return false;
        }

        list.RemoveAt(index);
        return true;
    }

    private static bool Swap<T>(List<T> list, int a, int b)
    {
        if (a < 0 || b < 0 || a >= list.Count || b >= list.Count)
        {
            return false;
        }

        (list[a], list[b]) = (list[b], list[a]);
        return true;
    }

    [GeneratedRegex("^([a-z]+)([0-9]{1,6})$")]
    private static partial Regex KeyPattern();

    public sealed class WorkItemInput
    {
        public string? Key { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public List<CriterionInput> Criteria { get; set; } = [];
    }

    public sealed class CriterionInput
    {
        public string? Key { get; set; }

        public string? Text { get; set; }
    }

    public sealed class ObjectiveInput
    {
        public string? Key { get; set; }

        public string? ServiceSlug { get; set; }

        public string? Target { get; set; }

        public string? Window { get; set; }

        public string? Measurement { get; set; }
    }
}
