using System.Buffers;
using System.Runtime.InteropServices;

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
    /// <summary>
    /// Beyond this much Myers work, D·(N+M) for D differing words among the N+M words left once the
    /// common start and end are trimmed, that middle is shown as removed whole then added whole.
    /// </summary>
    private const long MaxWork = 4_000_000;

    /// <summary>Marks a word of the common subsequence in place of its id (ids are never negative).</summary>
    private const int Kept = -1;

    /// <summary>The id of a word found only in the new text: it can match nothing, so needs no entry of its own.</summary>
    private const int Unmatched = -2;

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

    /// <summary>Longest common subsequence of words, as alternating runs: removed, added, unchanged.</summary>
    private static List<WordRun> Words(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && string.Equals(a[head], b[head], StringComparison.Ordinal))
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && string.Equals(a[^(tail + 1)], b[^(tail + 1)], StringComparison.Ordinal))
        {
            tail++;
        }

        int n = a.Length - head - tail, m = b.Length - head - tail;
        var scratch = ArrayPool<int>.Shared.Rent(a.Length + b.Length + (2 * (n + m + 3)));
        try
        {
            var x = scratch.AsSpan(0, a.Length);
            var y = scratch.AsSpan(a.Length, b.Length);
            x[..head].Fill(Kept);
            y[..head].Fill(Kept);
            x[^tail..].Fill(Kept);
            y[^tail..].Fill(Kept);
            if (n > 0 && m > 0)
            {
                Ids(a.AsSpan(head, n), b.AsSpan(head, m), x.Slice(head, n), y.Slice(head, m));
                var v = scratch.AsSpan(a.Length + b.Length, 2 * (n + m + 3));
                var lcs = new Lcs(x.Slice(head, n), y.Slice(head, m), v[..(n + m + 3)], v[(n + m + 3)..]);
                lcs.Mark((int)Math.Min(int.MaxValue, MaxWork / (n + m)));
            }
            else
            {
                x.Slice(head, n).Fill(Unmatched);
                y.Slice(head, m).Fill(Unmatched);
            }

            return Runs(a, x, b, y);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>Words as ints, so the edit graph compares ints, not strings.</summary>
    private static void Ids(ReadOnlySpan<string> a, ReadOnlySpan<string> b, Span<int> x, Span<int> y)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < a.Length; i++)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, a[i], out var known);
            if (!known)
            {
                id = ids.Count - 1;
            }

            x[i] = id;
        }

        for (var j = 0; j < b.Length; j++)
        {
            y[j] = ids.TryGetValue(b[j], out var id) ? id : Unmatched;
        }
    }

    /// <summary>
    /// Runs from the marks: the unmarked words of a before the next kept one, then those of b, then the
    /// kept words both share, so runs alternate and a change shows removed before added.
    /// </summary>
    private static List<WordRun> Runs(string[] a, ReadOnlySpan<int> x, string[] b, ReadOnlySpan<int> y)
    {
        var runs = new List<WordRun>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var start = i;
            while (i < a.Length && x[i] != Kept)
            {
                i++;
            }

            Add(runs, ChangeKind.Removed, a, start, i);
            start = j;
            while (j < b.Length && y[j] != Kept)
            {
                j++;
            }

            Add(runs, ChangeKind.Added, b, start, j);
            start = i;
            while (i < a.Length && j < b.Length && x[i] == Kept && y[j] == Kept)
            {
                i++;
                j++;
            }

            Add(runs, ChangeKind.Unchanged, a, start, i);
        }

        return runs;
    }

    private static void Add(List<WordRun> runs, ChangeKind kind, string[] words, int start, int end)
    {
        if (end > start)
        {
            runs.Add(new WordRun(kind, string.Join(' ', words, start, end - start)));
        }
    }

    /// <summary>
    /// Myers' O((N+M)·D) shortest edit script, in its linear-space form: find the middle snake by
    /// walking d-paths from both corners, then solve the two halves. The greedy forward form keeps
    /// one V array per d to backtrack, about D² ints: up to 16 MB again near the cost bound, per
    /// request. This form needs two arrays of N+M ints, for about twice the comparisons.
    /// </summary>
    private readonly ref struct Lcs
    {
        private readonly Span<int> _a;
        private readonly Span<int> _b;
        private readonly Span<int> _forward;
        private readonly Span<int> _backward;

        public Lcs(Span<int> a, Span<int> b, Span<int> forward, Span<int> backward)
        {
            _a = a;
            _b = b;
            _forward = forward;
            _backward = backward;
        }

        /// <summary>Marks the words of a longest common subsequence as kept, unless that takes more than maxD edits.</summary>
        public void Mark(int maxD) => Mark(0, _a.Length, 0, _b.Length, maxD);

        private void Mark(int aLo, int aHi, int bLo, int bHi, int maxD)
        {
            // A kept word leaves every later part, so its id can carry the mark.
            while (aLo < aHi && bLo < bHi && _a[aLo] == _b[bLo])
            {
                _a[aLo++] = Kept;
                _b[bLo++] = Kept;
            }

            while (aLo < aHi && bLo < bHi && _a[aHi - 1] == _b[bHi - 1])
            {
                _a[--aHi] = Kept;
                _b[--bHi] = Kept;
            }

            if (aLo == aHi || bLo == bHi)
            {
                return;
            }

            // Only the whole needs the bound: the halves' edits add up to the whole's D.
            var (d, x, y) = Split(_a[aLo..aHi], _b[bLo..bHi], maxD);
            if (d <= maxD && x >= 0)
            {
                Mark(aLo, aLo + x, bLo, bLo + y, int.MaxValue);
                Mark(aLo + x, aHi, bLo + y, bHi, int.MaxValue);
            }
        }

        /// <summary>
        /// The number of edits D and a point on a shortest path, where a forward d-path first meets a
        /// backward one on a diagonal; no point when a and b share nothing (D = n+m) or D exceeds maxD.
        /// Needs a and b to differ in their first and last words, so the point is never a corner.
        /// </summary>
        private (int D, int X, int Y) Split(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int maxD)
        {
            int n = a.Length, m = b.Length, delta = n - m;
            var half = (n + m + 1) / 2;
            var forward = _forward[..((2 * half) + 1)];
            var backward = _backward[..((2 * half) + 1)];
            forward.Fill(-1);
            backward.Fill(-1);

            // D has the parity of delta: paths meet in the forward pass when it is odd, else in the backward one.
            var odd = (delta & 1) != 0;
            int forwardStart = 0, forwardEnd = 0, backwardStart = 0, backwardEnd = 0;
            for (var d = 0; d < half; d++)
            {
                // No meeting by d-1 means D >= 2d-1.
                if ((2 * d) - 1 > maxD)
                {
                    return (int.MaxValue, -1, -1);
                }

                for (var k = -d + forwardStart; k <= d - forwardEnd; k += 2)
                {
                    var i = half + k;
                    var x = d == 0 ? 0
                        : k == -d || (k != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1]
                        : forward[i - 1] + 1;
                    var y = x - k;
                    while (x < n && y < m && a[x] == b[y])
                    {
                        x++;
                        y++;
                    }

                    forward[i] = x;
                    if (x > n)
                    {
                        forwardEnd += 2;
                    }
                    else if (y > m)
                    {
                        forwardStart += 2;
                    }
                    else if (odd)
                    {
                        var r = half + delta - k;
                        if (r >= 0 && r < backward.Length && backward[r] != -1 && x >= n - backward[r])
                        {
                            return ((2 * d) - 1, x, y);
                        }
                    }
                }

                for (var k = -d + backwardStart; k <= d - backwardEnd; k += 2)
                {
                    var i = half + k;
                    var x = d == 0 ? 0
                        : k == -d || (k != d && backward[i - 1] < backward[i + 1]) ? backward[i + 1]
                        : backward[i - 1] + 1;
                    var y = x - k;
                    while (x < n && y < m && a[n - x - 1] == b[m - y - 1])
                    {
                        x++;
                        y++;
                    }

                    backward[i] = x;
                    if (x > n)
                    {
                        backwardEnd += 2;
                    }
                    else if (y > m)
                    {
                        backwardStart += 2;
                    }
                    else if (!odd)
                    {
                        var r = half + delta - k;
                        if (r >= 0 && r < forward.Length && forward[r] != -1 && forward[r] >= n - x)
                        {
                            return (2 * d, forward[r], forward[r] - (delta - k));
                        }
                    }
                }
            }

            return (n + m, -1, -1);
        }
    }
}
