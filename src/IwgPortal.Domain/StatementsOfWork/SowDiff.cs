namespace IwgPortal.Domain.StatementsOfWork;

public enum ChangeKind
{
    Unchanged,
    Added,
    Removed,
    Changed,
}

/// <summary>A run of words that is kept, inserted or deleted.</summary>
public sealed record WordRun(ChangeKind Kind, string Text);

public sealed record TextDiff(string Section, ChangeKind Kind, IReadOnlyList<WordRun> Words);

public sealed record ItemDiff(string Key, string Label, ChangeKind Kind, IReadOnlyList<TextDiff> Fields, IReadOnlyList<ItemDiff> Children);

/// <summary>Readable differences between two revisions: per section, items by key, text word by word.</summary>
public sealed record SowComparison(IReadOnlyList<TextDiff> Sections, IReadOnlyList<ItemDiff> WorkItems, IReadOnlyList<ItemDiff> Objectives)
{
    public bool HasChanges =>
        Sections.Any(s => s.Kind != ChangeKind.Unchanged) || WorkItems.Any(w => w.Kind != ChangeKind.Unchanged) || Objectives.Any(o => o.Kind != ChangeKind.Unchanged);
}

public static class SowDiff
{
    /// <summary>Beyond this many word pairs a section is shown as replaced whole (quadratic cost).</summary>
    private const long MaxCells = 4_000_000;

    public static SowComparison Compare(SowContent from, SowContent to)
    {
        TextDiff[] sections =
        [
            Text("Title", from.Title, to.Title),
            Text("Problem description", from.Problem, to.Problem),
            Text("Work mode", from.WorkMode, to.WorkMode),
            Text("Required skills", from.RequiredSkills, to.RequiredSkills),
            Text("Functional requirements", from.FunctionalRequirements, to.FunctionalRequirements),
            Text("Non-functional requirements", from.NonFunctionalRequirements, to.NonFunctionalRequirements),
            Text("Affected services", string.Join(", ", from.ServiceSlugs), string.Join(", ", to.ServiceSlugs)),
            Text("Delivery route", from.Route?.ToString() ?? string.Empty, to.Route?.ToString() ?? string.Empty),
        ];
        var workItems = Items(from.WorkItems, to.WorkItems, w => w.Key, w => w.Title,
            (a, b) => [Text("Title", a?.Title ?? string.Empty, b?.Title ?? string.Empty), Text("Description", a?.Description ?? string.Empty, b?.Description ?? string.Empty)],
            (a, b) => Items(a?.Criteria ?? [], b?.Criteria ?? [], c => c.Key, c => c.Text,
                (x, y) => [Text("Criterion", x?.Text ?? string.Empty, y?.Text ?? string.Empty)], (_, _) => []));
        var objectives = Items(from.Objectives, to.Objectives, o => o.Key, o => o.Target,
            (a, b) =>
            [
                Text("Service", a?.ServiceSlug ?? string.Empty, b?.ServiceSlug ?? string.Empty),
                Text("Target", a?.Target ?? string.Empty, b?.Target ?? string.Empty),
                Text("Window", a?.Window ?? string.Empty, b?.Window ?? string.Empty),
                Text("Measurement", a?.Measurement ?? string.Empty, b?.Measurement ?? string.Empty),
            ],
            (_, _) => []);
        return new SowComparison(sections, workItems, objectives);
    }

    public static TextDiff Text(string section, string before, string after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        var kind = (a.Length, b.Length) switch
        {
            (0, 0) => ChangeKind.Unchanged,
            (0, _) => ChangeKind.Added,
            (_, 0) => ChangeKind.Removed,
            _ when a.SequenceEqual(b) => ChangeKind.Unchanged,
            _ => ChangeKind.Changed,
        };
        return new TextDiff(section, kind, Words(a, b));
    }

    private static List<ItemDiff> Items<T>(
        IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> label,
        Func<T?, T?, TextDiff[]> fields, Func<T?, T?, List<ItemDiff>> children)
        where T : class
    {
        var result = new List<ItemDiff>();
        foreach (var item in after)
        {
            var old = before.FirstOrDefault(b => key(b) == key(item));
            var diffs = fields(old, item);
            var kids = children(old, item);
            var kind = old is null ? ChangeKind.Added
                : diffs.All(d => d.Kind == ChangeKind.Unchanged) && kids.All(k => k.Kind == ChangeKind.Unchanged) ? ChangeKind.Unchanged
                : ChangeKind.Changed;
            result.Add(new ItemDiff(key(item), label(item), kind, diffs, kids));
        }

        foreach (var removed in before.Where(b => after.All(a => key(a) != key(b))))
        {
            result.Add(new ItemDiff(key(removed), label(removed), ChangeKind.Removed, fields(removed, null), children(removed, null)));
        }

        return result;
    }

    private static string[] Tokens(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Longest common subsequence of words, merged into runs.</summary>
    private static List<WordRun> Words(string[] a, string[] b)
    {
        var runs = new List<WordRun>();
        if ((long)a.Length * b.Length > MaxCells)
        {
            Add(runs, ChangeKind.Removed, a);
            Add(runs, ChangeKind.Added, b);
            return runs;
        }

        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                Add(runs, ChangeKind.Unchanged, [a[x]]);
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                Add(runs, ChangeKind.Removed, [a[x++]]);
            }
            else
            {
                Add(runs, ChangeKind.Added, [b[y++]]);
            }
        }

        Add(runs, ChangeKind.Removed, a[x..]);
        Add(runs, ChangeKind.Added, b[y..]);
        return runs;
    }

    private static void Add(List<WordRun> runs, ChangeKind kind, string[] words)
    {
        if (words.Length == 0)
        {
            return;
        }

        var text = string.Join(' ', words);
        if (runs.Count > 0 && runs[^1].Kind == kind)
        {
            runs[^1] = runs[^1] with { Text = runs[^1].Text + " " + text };
            return;
        }

        runs.Add(new WordRun(kind, text));
    }
}
