using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Testing;
using IwgPortal.Web.Features.StatementsOfWork;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>
/// Published texts are kept parsed and read again only when the database holds another row (ADR 12):
/// a new revision, or a row that is not the one read before, always shows.
/// </summary>
public class RevisionTextsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Text = """{"title":"T","problem":"P","workMode":"","requiredSkills":"","functionalRequirements":"","nonFunctionalRequirements":"","workItems":[],"objectives":[],"serviceSlugs":[],"route":null}""";

    [Fact]
    public void A_text_sent_by_the_database_is_parsed_and_kept_and_a_text_not_sent_is_the_held_one()
    {
        var texts = new RevisionTexts(new RevisionTextOptions());

        var first = texts.Resolve(7, 2, rowVersion: 100, Text, held: null, isLatest: true);
        first.Problem.ShouldBe("P");
        texts.Latest(7).ShouldBe(new HeldText(2, 100, first));
        texts.Of(7, 2)!.Content.ShouldBeSameAs(first);
        texts.Of(7, 1).ShouldBeNull();

        texts.Resolve(7, 2, rowVersion: 100, text: null, texts.Latest(7), isLatest: true).ShouldBeSameAs(first);

        // The database leaves the text out only for the row held: anything else is a fault, not a stale answer.
        Should.Throw<InvalidOperationException>(() => texts.Resolve(7, 2, rowVersion: 101, text: null, texts.Latest(7), isLatest: true));
        Should.Throw<InvalidOperationException>(() => texts.Resolve(7, 3, rowVersion: 100, text: null, texts.Latest(7), isLatest: true));
        Should.Throw<InvalidOperationException>(() => texts.Resolve(7, 2, rowVersion: 100, text: null, held: null, isLatest: true));
    }

    [Fact]
    public void Only_the_latest_moves_the_latest_and_the_cache_starts_again_empty_when_full()
    {
        var texts = new RevisionTexts(new RevisionTextOptions { MaxEntries = 2 });
        texts.Resolve(1, 2, 10, Text, null, isLatest: true);
        texts.Resolve(1, 1, 9, Text, null, isLatest: false);
        texts.Latest(1)!.Number.ShouldBe(2);

        texts.Resolve(2, 1, 11, Text, null, isLatest: true);

        texts.Of(1, 1).ShouldBeNull();
        texts.Of(1, 2).ShouldBeNull();
        texts.Latest(1).ShouldBeNull();
        texts.Latest(2)!.RowVersion.ShouldBe(11);
    }

    [Fact]
    public void Switched_off_it_keeps_nothing()
    {
        var texts = new RevisionTexts(new RevisionTextOptions { Enabled = false });
        texts.Resolve(1, 1, 10, Text, null, isLatest: true).Title.ShouldBe("T");
        texts.Latest(1).ShouldBeNull();
        texts.Of(1, 1).ShouldBeNull();
    }

    [Fact]
    public async Task A_second_read_of_a_statement_of_work_uses_the_text_already_parsed()
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "texts-held", "Held texts");

        var first = await SowAsync(id);
        var second = await SowAsync(id);

        second.Published.ShouldNotBeNull();
        second.Published.ShouldBeSameAs(first.Published);
        second.Published.NonFunctionalRequirements.ShouldBe("No extra queue time at any hour.");
    }

    [Fact]
    public async Task A_new_revision_shows_at_once_on_every_read()
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "texts-new", "New texts");
        using var reader = portal.CreateClient();
        await ReadEverywhereAsync(reader, id, 1, 2);

        var wg = await portal.CreateApiClientAsync("texts-new-wg2", IwgPortal.Domain.Membership.Role.WorkingGroupMember);
        using (wg)
        {
            await SowApi.MoveAsync(wg, id, "Draft", "Once more");
            await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content("New texts", "Third text."));
        }

        var sow = await reader.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");
        sow.GetProperty("published").GetProperty("nonFunctionalRequirements").GetString().ShouldBe("Third text.");
        var diff = await reader.GetStringAsync(new Uri($"/api/sows/{id}/diff?from=2&to=3", UriKind.Relative));
        diff.ShouldContain("Third");
        (await reader.GetStringAsync(new Uri($"/sows/{id}/compare", UriKind.Relative))).ShouldContain("Third");
    }

    [Fact]
    public async Task A_row_that_is_not_the_one_read_before_is_read_again_as_after_the_database_was_re_created()
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "texts-row", "Row texts");
        using var reader = portal.CreateClient();
        await ReadEverywhereAsync(reader, id, 1, 2);

        // Revisions cannot be changed (a trigger refuses it); a re-created database has other rows under
        // the same numbers, which is what rewriting them with the triggers off stands for.
        await portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            BEGIN;
            SET LOCAL session_replication_role = replica;
            UPDATE sow_revisions SET content = jsonb_set(content, ARRAY['nonFunctionalRequirements'], to_jsonb(CASE number WHEN 1 THEN 'Alpha rewrite.' ELSE 'Omega rewrite.' END))
            WHERE sow_id = {0};
            COMMIT;
            """,
            id));

        var sow = await reader.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");
        sow.GetProperty("published").GetProperty("nonFunctionalRequirements").GetString().ShouldBe("Omega rewrite.");
        var diff = await reader.GetStringAsync(new Uri($"/api/sows/{id}/diff?from=1&to=2", UriKind.Relative));
        diff.ShouldContain("Alpha");
        diff.ShouldContain("Omega");
        var page = await reader.GetStringAsync(new Uri($"/sows/{id}/compare?from=1&to=2", UriKind.Relative));
        page.ShouldContain("Alpha");
        page.ShouldContain("Omega");
    }

    /// <summary>The details, the diff and the comparison page of two revisions, each twice, so each holds its texts.</summary>
    private static async Task ReadEverywhereAsync(HttpClient reader, int id, int from, int to)
    {
        for (var round = 0; round < 2; round++)
        {
            (await reader.GetFromJsonAsync<JsonElement>($"/api/sows/{id}")).GetProperty("revisions").GetArrayLength().ShouldBe(to);
            (await reader.GetStringAsync(new Uri($"/api/sows/{id}/diff?from={from}&to={to}", UriKind.Relative))).ShouldContain("any hour");
            (await reader.GetStringAsync(new Uri($"/sows/{id}/compare?from={from}&to={to}", UriKind.Relative))).ShouldContain("any hour");
            (await reader.GetStringAsync(new Uri($"/sows/{id}/compare", UriKind.Relative))).ShouldContain("any hour");
        }
    }

    private async Task<SowDetails> SowAsync(int id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetSowQuery(id));
    }
}
