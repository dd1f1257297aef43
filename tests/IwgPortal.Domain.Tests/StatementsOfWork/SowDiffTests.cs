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
}
