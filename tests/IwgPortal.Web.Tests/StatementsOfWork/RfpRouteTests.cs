using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using Npgsql;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class RfpRouteTests(SourcingPortal fixture) : IClassFixture<SourcingPortal>
{
    private PortalFactory Portal => fixture.Portal;

    private DateTimeOffset Deadline => fixture.Clock.GetUtcNow().AddDays(7);

    private void PassDeadline() => fixture.Clock.Advance(TimeSpan.FromDays(8));

    private sealed record Cast(HttpClient Wg, HttpClient Wg2, HttpClient Board, HttpClient Treasurer, HttpClient Acme, HttpClient Globex, HttpClient Community, HttpClient Anonymous);

    private async Task<Cast> CastAsync(string prefix) => new(
        await Portal.CreateApiClientAsync(prefix + "-wg", Role.WorkingGroupMember),
        await Portal.CreateApiClientAsync(prefix + "-wg2", Role.WorkingGroupMember),
        await Portal.CreateApiClientAsync(prefix + "-board", Role.BoardMember),
        await Portal.CreateApiClientAsync(prefix + "-treasurer", Role.Treasurer),
        await Portal.CreateApiClientAsync(prefix + "-acme", Role.Contractor),
        await Portal.CreateApiClientAsync(prefix + "-globex", Role.Contractor),
        await Portal.CreateApiClientAsync(prefix + "-community"),
        Portal.CreateClient());

    /// <summary>An SOW in Sourcing with an open RFP and one offer each from Acme and Globex.</summary>
    private async Task<(Cast Cast, int Sow, int AcmeOffer, int GlobexOffer)> WithOffersAsync(string prefix)
    {
        var cast = await CastAsync(prefix);
        var sow = await SourcingKit.PublishedSowAsync(Portal, cast.Wg, prefix, "RequestForProposals");
        await SourcingKit.CreatedIdAsync(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(Deadline)));
        var acme = await SourcingKit.CreatedIdAsync(await cast.Acme.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer("Acme Builds Ltd", 12_000m)));
        var globex = await SourcingKit.CreatedIdAsync(await cast.Globex.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer("Globex", 9_000m)));
        return (cast, sow, acme, globex);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_working_group_opens_an_rfp_whose_deadline_and_criteria_are_public()
    {
        var cast = await CastAsync("rfp-open");
        var sow = await SourcingKit.PublishedSowAsync(Portal, cast.Wg, "rfp-open", "RequestForProposals", sourcing: false);

        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(Deadline)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Anonymous.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(Deadline)), HttpStatusCode.Unauthorized);
        var bad = await ProblemDetailsTests.ShouldBeProblem(
            await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", new { deadline = Deadline, criteria = new[] { new { name = "Price", weight = 0 } } }), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").EnumerateObject().ShouldContain(e => e.Name.Contains("Weight", StringComparison.Ordinal));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(fixture.Clock.GetUtcNow().AddDays(-1))), HttpStatusCode.Conflict);
        await SourcingKit.CreatedIdAsync(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(Deadline)));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(Deadline)), HttpStatusCode.Conflict);

        var rfp = await cast.Anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/rfp");
        rfp.GetProperty("isSealed").GetBoolean().ShouldBeTrue();
        rfp.GetProperty("offerCount").ValueKind.ShouldBe(JsonValueKind.Null);
        rfp.GetProperty("criteria").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("weight").GetInt32())).ShouldBe([("Price", 3), ("Approach", 1)]);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer()), HttpStatusCode.Conflict);
        var volunteers = await SourcingKit.PublishedSowAsync(Portal, cast.Wg, "rfp-open-v", "Volunteers");
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{volunteers}/rfp", SourcingKit.Rfp(Deadline)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Before_the_deadline_an_offer_is_sealed_from_everyone_but_its_contractor()
    {
        var (cast, sow, acme, globex) = await WithOffersAsync("rfp-seal");

        var own = await Ok(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)));
        own.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ShouldBe([acme]);
        own.GetProperty("offers")[0].GetProperty("price").GetDecimal().ShouldBe(12_000m);
        (await Ok(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}", UriKind.Relative)))).GetProperty("isOwn").GetBoolean().ShouldBeTrue();
        foreach (var reader in new[] { cast.Wg, cast.Board, cast.Treasurer, cast.Community })
        {
            var list = await Ok(await reader.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)));
            list.GetProperty("offers").GetArrayLength().ShouldBe(0);
            list.GetProperty("isSealed").GetBoolean().ShouldBeTrue();
            await ProblemDetailsTests.ShouldBeProblem(await reader.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}", UriKind.Relative)), HttpStatusCode.NotFound);
        }

        await ProblemDetailsTests.ShouldBeProblem(await cast.Globex.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}", UriKind.Relative)), HttpStatusCode.NotFound);
        (await Ok(await cast.Globex.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)))).GetProperty("offers").EnumerateArray().Single().GetProperty("id").GetInt32().ShouldBe(globex);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Anonymous.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)), HttpStatusCode.Unauthorized);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer()), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(
            await cast.Wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 5 } } }), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = acme }), HttpStatusCode.NotFound);
        (await cast.Anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/rfp")).GetProperty("offerCount").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_contractor_revises_and_withdraws_only_its_own_offer_and_only_before_the_deadline()
    {
        var (cast, sow, acme, globex) = await WithOffersAsync("rfp-revise");

        var revised = await SourcingKit.CreatedIdAsync(await cast.Acme.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}", SourcingKit.Offer(price: 11_000m)), HttpStatusCode.OK);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}", SourcingKit.Offer(price: 10_000m)), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Globex.PutAsJsonAsync($"/api/sows/{sow}/offers/{revised}", SourcingKit.Offer(price: 1m)), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Globex.PostAsync(new Uri($"/api/sows/{sow}/offers/{revised}/withdraw", UriKind.Relative), null), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsync(new Uri($"/api/sows/{sow}/offers/{revised}/withdraw", UriKind.Relative), null), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer()), HttpStatusCode.Conflict);
        var invalid = await ProblemDetailsTests.ShouldBeProblem(
            await cast.Acme.PutAsJsonAsync($"/api/sows/{sow}/offers/{revised}", new { organisation = "", price = -5m, currency = "EU", schedule = "x", approach = "y" }), HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["Offer.Organisation", "Offer.Price", "Offer.Currency"], ignoreOrder: true);

        var history = await Ok(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)));
        var offers = history.GetProperty("offers").EnumerateArray().ToList();
        offers.Select(o => (o.GetProperty("id").GetInt32(), o.GetProperty("isCurrent").GetBoolean(), o.GetProperty("price").GetDecimal()))
            .ShouldBe([(acme, false, 12_000m), (revised, true, 11_000m)]);
        offers[1].GetProperty("supersedesId").GetInt32().ShouldBe(acme);

        (await cast.Globex.PostAsync(new Uri($"/api/sows/{sow}/offers/{globex}/withdraw", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        PassDeadline();

        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.PutAsJsonAsync($"/api/sows/{sow}/offers/{revised}", SourcingKit.Offer(price: 10_000m)), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.PostAsync(new Uri($"/api/sows/{sow}/offers/{revised}/withdraw", UriKind.Relative), null), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Globex.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer("Globex")), HttpStatusCode.Conflict);
        var all = await Ok(await cast.Board.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)));
        all.GetProperty("offers").GetArrayLength().ShouldBe(3);
        all.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == globex).GetProperty("withdrawnAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await cast.Anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/rfp")).GetProperty("offerCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task After_the_deadline_the_working_group_scores_the_board_reads_the_ranking_and_the_choice_is_public()
    {
        var (cast, sow, acme, globex) = await WithOffersAsync("rfp-rank");
        PassDeadline();

        foreach (var reader in new[] { cast.Wg, cast.Board, cast.Treasurer })
        {
            (await Ok(await reader.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)))).GetProperty("offers").GetArrayLength().ShouldBe(2);
        }

        (await Ok(await cast.Board.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}", UriKind.Relative)))).GetProperty("price").GetDecimal().ShouldBe(12_000m);
        (await Ok(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)))).GetProperty("offers").GetArrayLength().ShouldBe(1);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers/{globex}", UriKind.Relative)), HttpStatusCode.NotFound);

        // Acme: price (8+6)/2 = 7, approach (4+2)/2 = 3 → (21 + 3) / 4 = 6. Globex: price 9, approach 5 → 8.
        await Ok(await cast.Wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 8, note = (string?)"Fair." }, new { criterion = "k2", value = 4, note = (string?)null } } }));
        await Ok(await cast.Wg2.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 5 }, new { criterion = "k2", value = 2 } } }));
        await Ok(await cast.Wg2.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 6 } } }));
        await Ok(await cast.Wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{globex}/scores", new { scores = new[] { new { criterion = "k1", value = 9 }, new { criterion = "k2", value = 5 } } }));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Board.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 1 } } }), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 11 } } }), HttpStatusCode.BadRequest);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k9", value = 1 } } }), HttpStatusCode.Conflict);

        var ranking = await Ok(await cast.Board.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)));
        var rows = ranking.GetProperty("offers").EnumerateArray().ToList();
        rows.Select(r => (r.GetProperty("offerId").GetInt32(), r.GetProperty("rank").GetInt32(), r.GetProperty("weightedScore").GetDecimal(), r.GetProperty("scorerCount").GetInt32()))
            .ShouldBe([(globex, 1, 8m, 1), (acme, 2, 6m, 2)]);
        var scores = await Ok(await cast.Treasurer.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}/scores", UriKind.Relative)));
        scores.EnumerateArray().Count(s => !s.GetProperty("isCurrent").GetBoolean()).ShouldBe(1);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Acme.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}/scores", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Anonymous.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)), HttpStatusCode.Unauthorized);

        await ProblemDetailsTests.ShouldBeProblem(await cast.Board.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = globex }), HttpStatusCode.Forbidden);
        await SourcingKit.MoveAsync(cast.Wg, sow, "InDecision");
        (await Ok(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = globex }))).GetProperty("organisation").GetString().ShouldBe("Globex");
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = acme }), HttpStatusCode.Conflict);

        var response = await cast.Anonymous.GetAsync(new Uri($"/api/sows/{sow}/rfp", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var rfp = JsonDocument.Parse(text).RootElement;
        rfp.GetProperty("chosenOrganisation").GetString().ShouldBe("Globex");
        rfp.GetProperty("offerCount").GetInt32().ShouldBe(2);
        text.ShouldNotContain("9000");
        text.ShouldNotContain("12000");

        // The choice is a state change in the public audit trail, by organisation, without the offer's id.
        var audit = await cast.Anonymous.GetFromJsonAsync<JsonElement>("/api/audit?kind=sow-rfp&limit=200");
        var chosen = audit.EnumerateArray().SelectMany(e => e.GetProperty("changes").EnumerateArray()).ToList();
        chosen.ShouldContain(c => c.GetProperty("field").GetString() == "chosenOrganisation" && c.GetProperty("after").GetString() == "Globex");
        chosen.Where(c => c.GetProperty("field").GetString() == "chosenOfferId").ShouldAllBe(c => c.GetProperty("valueHidden").GetBoolean());
    }

    [Fact]
    public async Task A_member_who_declared_a_conflict_can_neither_see_nor_score_the_offers_and_the_recusal_is_public()
    {
        var (cast, sow, acme, _) = await WithOffersAsync("rfp-conflict");
        await SourcingKit.CreatedIdAsync(await cast.Wg2.PostAsJsonAsync($"/api/sows/{sow}/rfp/conflicts", new { organisation = "Acme Builds Ltd", note = "I consult for Acme." }));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.PostAsJsonAsync($"/api/sows/{sow}/rfp/conflicts", new { organisation = "acme builds ltd" }), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.PostAsJsonAsync($"/api/sows/{sow}/rfp/conflicts", new { organisation = "Acme" }), HttpStatusCode.Forbidden);
        PassDeadline();

        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.GetAsync(new Uri($"/api/sows/{sow}/offers/{acme}/scores", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.GetAsync(new Uri($"/api/sows/{sow}/rfp/ranking", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(
            await cast.Wg2.PutAsJsonAsync($"/api/sows/{sow}/offers/{acme}/scores", new { scores = new[] { new { criterion = "k1", value = 10 } } }), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg2.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = acme }), HttpStatusCode.Forbidden);
        (await Ok(await cast.Wg.GetAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative)))).GetProperty("offers").GetArrayLength().ShouldBe(2);

        var conflict = (await cast.Anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/rfp")).GetProperty("conflicts").EnumerateArray().Single();
        conflict.GetProperty("member").GetString().ShouldBe("rfp-conflict-wg2");
        conflict.GetProperty("organisation").GetString().ShouldBe("Acme Builds Ltd");
        var audit = await cast.Anonymous.GetFromJsonAsync<JsonElement>("/api/audit?kind=sow-rfp-conflict&limit=200");
        audit.EnumerateArray().ShouldContain(e => e.GetProperty("actor").GetString() == "rfp-conflict-wg2" && e.GetProperty("action").GetString() == "created");
    }

    [Fact]
    public async Task Questions_are_public_asked_by_anyone_signed_in_and_answered_by_the_working_group()
    {
        var (cast, sow, _, _) = await WithOffersAsync("rfp-qa");

        var question = await SourcingKit.CreatedIdAsync(await cast.Globex.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions", new { question = "Is on-call included?" }));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Anonymous.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions", new { question = "?" }), HttpStatusCode.Unauthorized);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions", new { question = "" }), HttpStatusCode.BadRequest);
        await ProblemDetailsTests.ShouldBeProblem(await cast.Community.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions/{question}/answer", new { answer = "Yes" }), HttpStatusCode.Forbidden);
        await Ok(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions/{question}/answer", new { answer = "No, on-call is a separate contract." }));
        await ProblemDetailsTests.ShouldBeProblem(await cast.Wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/questions/{question}/answer", new { answer = "Maybe." }), HttpStatusCode.Conflict);

        var qa = (await cast.Anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/rfp")).GetProperty("questions").EnumerateArray().Single();
        qa.GetProperty("askedBy").GetString().ShouldBe("rfp-qa-globex");
        qa.GetProperty("answer").GetString().ShouldBe("No, on-call is a separate contract.");
        qa.GetProperty("answeredBy").GetString().ShouldBe("rfp-qa-wg");
    }

    [Fact]
    public async Task The_database_refuses_to_delete_an_offer_or_rewrite_its_price()
    {
        var (_, _, acme, _) = await WithOffersAsync("rfp-db");
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();

        await using var delete = new NpgsqlCommand($"DELETE FROM sow_rfp_offers WHERE id = {acme}", connection);
        (await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText.ShouldContain("never deleted");
        await using var rewrite = new NpgsqlCommand($"UPDATE sow_rfp_offers SET price = 1 WHERE id = {acme}", connection);
        (await Should.ThrowAsync<PostgresException>(() => rewrite.ExecuteNonQueryAsync())).MessageText.ShouldContain("never overwritten");
        await using var badScore = new NpgsqlCommand("INSERT INTO sow_rfp_scores (rfp_id, offer_id, scorer_id, criterion_key, value, scored_at) SELECT rfp_id, id, submitted_by_id, 'k1', 11, now() FROM sow_rfp_offers WHERE id = " + acme, connection);
        (await Should.ThrowAsync<PostgresException>(() => badScore.ExecuteNonQueryAsync())).ConstraintName.ShouldBe("ck_sow_rfp_scores_value");
    }
}
