using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;

namespace IwgPortal.Domain.Tests.StatementsOfWork;

public class SowDiffTests
{
    [Fact]
    public void Identical_revisions_have_no_changes()
    {
        SowDiff.Compare(StatementOfWorkTests.Complete(), StatementOfWorkTests.Complete()).HasChanges.ShouldBeFalse();
    }

    [Fact]
    public void Text_changes_are_shown_word_by_word()
    {
        var diff = SowDiff.Text("Problem", "Expensive builds run on every commit.", "Expensive builds run on most commits, all day.");

        diff.Kind.ShouldBe(ChangeKind.Changed);
        diff.Words.ShouldBe(
        [
            new WordRun(ChangeKind.Unchanged, "Expensive builds run on"),
            new WordRun(ChangeKind.Removed, "every commit."),
            new WordRun(ChangeKind.Added, "most commits, all day."),
        ]);
    }

    [Fact]
    public void Work_items_and_criteria_are_matched_by_key_and_shown_as_added_removed_or_changed()
    {
        var before = StatementOfWorkTests.Complete();
        var after = before with
        {
            WorkItems =
            [
                before.WorkItems[0] with { Criteria = [new AcceptanceCriterion("c1", "Expensive builders only run after all cheap ones pass.")] },
                new WorkItem("w3", "Runbook", "Document the stages.", [new AcceptanceCriterion("c4", "A runbook exists.")]),
            ],
        };

        var diff = SowDiff.Compare(before, after);

        var staged = diff.WorkItems.Single(w => w.Key == "w1");
        staged.Kind.ShouldBe(ChangeKind.Changed);
        staged.Children.Single().Kind.ShouldBe(ChangeKind.Changed);
        staged.Children.Single().Fields.Single().Words.ShouldContain(new WordRun(ChangeKind.Added, "all"));
        diff.WorkItems.Single(w => w.Key == "w3").Kind.ShouldBe(ChangeKind.Added);
        diff.WorkItems.Single(w => w.Key == "w2").Kind.ShouldBe(ChangeKind.Removed);
        diff.HasChanges.ShouldBeTrue();
    }

    [Fact]
    public void An_emptied_section_is_removed_and_a_filled_one_added()
    {
        SowDiff.Text("Work mode", "Remote", "").Kind.ShouldBe(ChangeKind.Removed);
        SowDiff.Text("Work mode", "", "Remote").Kind.ShouldBe(ChangeKind.Added);
    }

    [Fact]
    public void Very_long_sections_are_compared_as_a_whole()
    {
        var a = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "a" + i));
        var b = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "b" + i));

        var diff = SowDiff.Text("Functional requirements", a, b);

        diff.Words.Select(w => w.Kind).ShouldBe([ChangeKind.Removed, ChangeKind.Added]);
    }

    [Fact]
    public void Random_texts_come_back_whole_in_alternating_runs_that_keep_a_longest_common_subsequence()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var vocabulary = Enumerable.Range(0, random.Next(2, 12)).Select(i => "w" + i).ToArray();
            var before = Enumerable.Range(0, random.Next(0, seed % 10 == 0 ? 300 : 40)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList();
            var after = random.Next(3) == 0 ? Enumerable.Range(0, random.Next(0, 40)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList() : Edited(before, vocabulary, random);

            var runs = SowDiff.Text("S", string.Join(' ', before), string.Join(' ', after)).Words;

            Rebuilt(runs, ChangeKind.Removed).ShouldBe(string.Join(' ', before), $"seed {seed}");
            Rebuilt(runs, ChangeKind.Added).ShouldBe(string.Join(' ', after), $"seed {seed}");
            runs.Zip(runs.Skip(1)).ShouldAllBe(p => p.First.Kind != p.Second.Kind, $"seed {seed}");
            runs.Zip(runs.Skip(1)).ShouldNotContain(p => p.First.Kind == ChangeKind.Added && p.Second.Kind == ChangeKind.Removed, $"seed {seed}");
            runs.Where(r => r.Kind == ChangeKind.Unchanged).Sum(r => r.Text.Split(' ').Length).ShouldBe(LcsLength(before, after), $"seed {seed}");
        }
    }

    [Fact]
    public void Edits_only_at_the_start_or_only_at_the_end_keep_the_rest_as_one_run()
    {
        SowDiff.Text("S", "one two three four", "zero two three four").Words.ShouldBe(
            [new WordRun(ChangeKind.Removed, "one"), new WordRun(ChangeKind.Added, "zero"), new WordRun(ChangeKind.Unchanged, "two three four")]);
        SowDiff.Text("S", "two three four", "one two three four").Words.ShouldBe(
            [new WordRun(ChangeKind.Added, "one"), new WordRun(ChangeKind.Unchanged, "two three four")]);
        SowDiff.Text("S", "one two three four", "one two three five six").Words.ShouldBe(
            [new WordRun(ChangeKind.Unchanged, "one two three"), new WordRun(ChangeKind.Removed, "four"), new WordRun(ChangeKind.Added, "five six")]);
        SowDiff.Text("S", "one two three four", "one two").Words.ShouldBe(
            [new WordRun(ChangeKind.Unchanged, "one two"), new WordRun(ChangeKind.Removed, "three four")]);
    }

    [Fact]
    public void Identical_texts_are_one_unchanged_run_with_single_spaces()
    {
        var diff = SowDiff.Text("S", "Builds\trun  on every commit.", "Builds run on every\tcommit.");

        diff.Kind.ShouldBe(ChangeKind.Unchanged);
        diff.Words.ShouldBe([new WordRun(ChangeKind.Unchanged, "Builds run on every commit.")]);
    }

    [Fact]
    public void Against_an_empty_text_all_words_are_one_removed_or_added_run()
    {
        SowDiff.Text("S", "Builds run  nightly.", "").Words.ShouldBe([new WordRun(ChangeKind.Removed, "Builds run nightly.")]);
        SowDiff.Text("S", " ", "Builds run nightly.").Words.ShouldBe([new WordRun(ChangeKind.Added, "Builds run nightly.")]);
        SowDiff.Text("S", "", "").Words.ShouldBeEmpty();
    }

    [Fact]
    public void Long_texts_with_few_edits_are_still_compared_word_by_word()
    {
        // 3,000 × 3,000 words were past the old table's bound; five edits are little Myers work.
        var before = Enumerable.Range(0, 3000).Select(i => "w" + i).ToList();
        var after = before.Select(w => w is "w500" or "w1000" or "w1500" or "w2000" or "w2500" ? w.ToUpperInvariant() : w).ToList();

        var runs = SowDiff.Text("Functional requirements", string.Join(' ', before), string.Join(' ', after)).Words;

        runs.Count.ShouldBe(16);
        runs.Where(r => r.Kind == ChangeKind.Removed).Select(r => r.Text).ShouldBe(["w500", "w1000", "w1500", "w2000", "w2500"]);
        runs.Where(r => r.Kind == ChangeKind.Added).Select(r => r.Text).ShouldBe(["W500", "W1000", "W1500", "W2000", "W2500"]);
    }

    [Fact]
    public void Texts_sharing_words_too_sparsely_for_the_work_are_removed_then_added_whole_between_their_common_ends()
    {
        static string Text(char side, int words) =>
            "Scope: " + string.Join(' ', Enumerable.Range(0, words).Select(i => i % 2 == 0 ? side + i.ToString(CultureInfo.InvariantCulture) : "and")) + " end.";

        // Every other word is shared: cheap when short, past the bound when long.
        SowDiff.Text("S", Text('a', 200), Text('b', 200)).Words.Count.ShouldBeGreaterThan(200);
        var before = Text('a', 3000);
        var after = Text('b', 3000);

        var runs = SowDiff.Text("S", before, after).Words;

        runs.Select(r => r.Kind).ShouldBe([ChangeKind.Unchanged, ChangeKind.Removed, ChangeKind.Added, ChangeKind.Unchanged]);
        runs[0].Text.ShouldBe("Scope:");
        runs[1].Text.ShouldBe(before["Scope: ".Length..^" and end.".Length]);
        runs[2].Text.ShouldBe(after["Scope: ".Length..^" and end.".Length]);
        runs[3].Text.ShouldBe("and end.");
    }

    private static List<string> Edited(List<string> words, string[] vocabulary, Random random)
    {
        var edited = words.ToList();
        for (var edits = random.Next(0, 6); edits > 0; edits--)
        {
            var at = random.Next(edited.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < edited.Count:
                    edited.RemoveRange(at, Math.Min(random.Next(1, 4), edited.Count - at));
                    break;
                case 1 when at < edited.Count:
                    edited[at] = vocabulary[random.Next(vocabulary.Length)];
                    break;
                default:
                    edited.InsertRange(at, Enumerable.Range(0, random.Next(1, 4)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
                    break;
            }
        }

        return edited;
    }

    /// <summary>One side of the comparison from its runs: the unchanged ones and those of <paramref name="own"/>.</summary>
    private static string Rebuilt(IReadOnlyList<WordRun> runs, ChangeKind own) =>
        string.Join(' ', runs.Where(r => r.Kind == ChangeKind.Unchanged || r.Kind == own).Select(r => r.Text));

    /// <summary>The textbook dynamic programme, as the reference the diff must match.</summary>
    private static int LcsLength(List<string> a, List<string> b)
    {
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                lengths[i, j] = a[i - 1] == b[j - 1] ? lengths[i - 1, j - 1] + 1 : Math.Max(lengths[i - 1, j], lengths[i, j - 1]);
            }
        }

        return lengths[a.Count, b.Count];
    }
}
