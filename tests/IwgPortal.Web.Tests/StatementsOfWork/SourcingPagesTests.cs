using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>The delivery-route pages: the SOW's delivery panel, /sows/{id}/rfp and the confidential /sows/{id}/offers.</summary>
public partial class SourcingPagesTests(SourcingPortal fixture) : IClassFixture<SourcingPortal>
{
    private PortalFactory Portal => fixture.Portal;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static FormUrlEncodedContent Form(string html, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(html))));

    private async Task<HttpClient> AsAsync(string login)
    {
        var client = Portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(client, login);
        return client;
    }

    private static async Task<string> ShouldRedirectAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<string> ShouldBePageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    [Fact]
    public async Task Offers_are_sealed_until_the_deadline_private_to_their_contractor_and_closed_to_a_conflicted_member()
    {
        using var wg = await Portal.CreateApiClientAsync("sp-rfp-wg", Role.WorkingGroupMember);
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "sp-rfp", "RequestForProposals");
        await SourcingKit.CreatedIdAsync(await wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(fixture.Clock.GetUtcNow().AddDays(7))));
        var offers = $"/sows/{sow}/offers";

        using var anonymous = Portal.CreateBrowserClient();
        (await ShouldRedirectAsync(await anonymous.GetAsync(U(offers)))).ShouldContain("/account/signin");
        var rfpPage = await anonymous.GetStringAsync(U($"/sows/{sow}/rfp"));
        rfpPage.ShouldContain("Sealed: offers can be read after");
        rfpPage.ShouldContain("Price");

        // Ken forgets the price: a field error, and what he typed is still there.
        using var ken = await AsAsync("ken-sato");
        var form = await ken.GetAsync(U(offers));
        form.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await ShouldBePageAsync(form);
        var failed = await ShouldBePageAsync(await ken.PostAsync(U(offers + "?handler=Submit"), Form(html,
            ("Offer.Organisation", "Zebra Pipelines Ltd"), ("Offer.Price", ""), ("Offer.Currency", "EUR"),
            ("Offer.Schedule", "Seven weeks, unhurried."), ("Offer.Approach", "Quokka-grade staging."))));
        failed.ShouldContain("field-error");
        failed.ShouldContain("Quokka-grade staging.");
        failed.ShouldContain("Seven weeks, unhurried.");
        (await ShouldRedirectAsync(await ken.PostAsync(U(offers + "?handler=Submit"), Form(html,
            ("Offer.Organisation", "Zebra Pipelines Ltd"), ("Offer.Price", "13579"), ("Offer.Currency", "EUR"),
            ("Offer.Schedule", "Seven weeks, unhurried."), ("Offer.Approach", "Quokka-grade staging."))))).ShouldContain(offers);
        var own = await ken.GetStringAsync(U(offers));
        own.ShouldContain("EUR 13,579");
        own.ShouldContain("Withdraw this offer");

        // A competing contractor sees none of it.
        using var ines = await AsAsync("ines-moreau");
        var competitor = await ines.GetStringAsync(U(offers));
        competitor.ShouldNotContain("Zebra Pipelines");
        competitor.ShouldNotContain("13,579");
        competitor.ShouldNotContain("Quokka");

        // The working group before the deadline: sealed, not even the number.
        using var lena = await AsAsync("lena-fischer");
        var sealedPage = await lena.GetStringAsync(U(offers));
        sealedPage.ShouldContain("Offers are sealed until");
        sealedPage.ShouldNotContain("Zebra Pipelines");
        sealedPage.ShouldNotContain("13,579");
        sealedPage.ShouldNotContain("id=\"ranking\"");
        (await lena.GetStringAsync(U($"/sows/{sow}/rfp"))).ShouldContain("<dd>sealed until the deadline</dd>");

        // Tom declares a conflict through the RFP page (a blank organisation is refused first).
        using var tom = await AsAsync("tom-becker");
        var rfpForTom = await tom.GetStringAsync(U($"/sows/{sow}/rfp"));
        var blank = await ShouldBePageAsync(await tom.PostAsync(U($"/sows/{sow}/rfp?handler=Conflict"), Form(rfpForTom, ("Conflict.Organisation", ""), ("Conflict.Note", "My brother-in-law works there."))));
        blank.ShouldContain("field-error");
        blank.ShouldContain("My brother-in-law works there.");
        await ShouldRedirectAsync(await tom.PostAsync(U($"/sows/{sow}/rfp?handler=Conflict"), Form(rfpForTom, ("Conflict.Organisation", "Zebra Pipelines Ltd"), ("Conflict.Note", "My brother-in-law works there."))));

        fixture.Clock.Advance(TimeSpan.FromDays(8));

        // After the deadline Lena reads the offer and the ranking; a score of 11 is refused and kept.
        var open = await lena.GetStringAsync(U(offers));
        open.ShouldContain("id=\"ranking\"");
        open.ShouldContain("Zebra Pipelines Ltd");
        open.ShouldContain("EUR 13,579");
        var offerId = OfferIdPattern().Match(open).Groups[1].Value;
        offerId.ShouldNotBeEmpty();
        var eleven = await ShouldBePageAsync(await lena.PostAsync(U(offers + "?handler=Score"), Form(open,
            ("Score.OfferId", offerId), ("Score.Scores[0].Criterion", "k1"), ("Score.Scores[0].Value", "11"), ("Score.Scores[0].Note", "Too good to be true"),
            ("Score.Scores[1].Criterion", "k2"), ("Score.Scores[1].Value", "7"))));
        eleven.ShouldContain("field-error");
        eleven.ShouldContain("value=\"11\"");
        eleven.ShouldContain("Too good to be true");
        await ShouldRedirectAsync(await lena.PostAsync(U(offers + "?handler=Score"), Form(open,
            ("Score.OfferId", offerId), ("Score.Scores[0].Criterion", "k1"), ("Score.Scores[0].Value", "9"), ("Score.Scores[1].Criterion", "k2"), ("Score.Scores[1].Value", "5"))));
        (await lena.GetStringAsync(U(offers))).ShouldContain("8.00");
        (await ShouldRedirectAsync(await lena.PostAsync(U(offers + "?handler=Choose"), Form(open, ("offerId", offerId))))).ShouldContain("#ranking");
        (await anonymous.GetStringAsync(U($"/sows/{sow}/rfp"))).ShouldContain("The working group chose <strong>Zebra Pipelines Ltd</strong>");

        // Tom, conflicted, sees neither the offers nor the ranking.
        var conflicted = await tom.GetStringAsync(U(offers));
        conflicted.ShouldContain("You declared a conflict of interest on this RFP; you cannot see or score its offers.");
        conflicted.ShouldNotContain("13,579");
        conflicted.ShouldNotContain("id=\"ranking\"");
    }

    [Fact]
    public async Task Volunteers_offer_and_are_assigned_through_the_sow_page()
    {
        using var wg = await Portal.CreateApiClientAsync("sp-vol-wg", Role.WorkingGroupMember);
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "sp-vol", "Volunteers");
        using var amara = await AsAsync("amara-okafor");
        var page = await amara.GetStringAsync(U($"/sows/{sow}"));
        page.ShouldContain("Delivery: volunteers");

        var empty = await ShouldBePageAsync(await amara.PostAsync(U($"/sows/{sow}/sourcing?handler=Volunteer"), Form(page, ("Volunteer.Note", ""))));
        empty.ShouldContain("field-error");
        (await ShouldRedirectAsync(await amara.PostAsync(U($"/sows/{sow}/sourcing?handler=Volunteer"), Form(page, ("Volunteer.Note", "Evenings, from next week."))))).ShouldContain($"/sows/{sow}");

        using var lena = await AsAsync("lena-fischer");
        var forLena = await lena.GetStringAsync(U($"/sows/{sow}"));
        forLena.ShouldContain("Evenings, from next week.");
        var offerId = Regex.Match(forLena, "name=\"offerId\" value=\"(\\d+)\"").Groups[1].Value;
        offerId.ShouldNotBeEmpty();
        (await amara.GetStringAsync(U($"/sows/{sow}"))).ShouldNotContain("name=\"offerId\"");
        await ShouldRedirectAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Assign"), Form(forLena, ("offerId", offerId))));
        (await amara.GetStringAsync(U($"/sows/{sow}"))).ShouldContain("✓ Assigned");
    }

    [Fact]
    public async Task A_bounty_is_set_applied_for_and_awarded_through_the_sow_page()
    {
        using var wg = await Portal.CreateApiClientAsync("sp-bounty-wg", Role.WorkingGroupMember);
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "sp-bounty", "Bounty");
        using var lena = await AsAsync("lena-fischer");
        var page = await lena.GetStringAsync(U($"/sows/{sow}"));
        var bad = await ShouldBePageAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Amount"), Form(page, ("Amount.Amount", "750"), ("Amount.Currency", "euro"))));
        bad.ShouldContain("Currency must be a three-letter code");
        bad.ShouldContain("value=\"750\"");
        await ShouldRedirectAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Amount"), Form(page, ("Amount.Amount", "750"), ("Amount.Currency", "EUR"))));

        using var amara = await AsAsync("amara-okafor");
        var forAmara = await amara.GetStringAsync(U($"/sows/{sow}"));
        forAmara.ShouldContain("Bounty: EUR 750");
        var noPlan = await ShouldBePageAsync(await amara.PostAsync(U($"/sows/{sow}/sourcing?handler=Apply"), Form(forAmara, ("Apply.Plan", ""))));
        noPlan.ShouldContain("field-error");
        await ShouldRedirectAsync(await amara.PostAsync(U($"/sows/{sow}/sourcing?handler=Apply"), Form(forAmara, ("Apply.Plan", "Two weekends of staged builders."))));

        var forLena = await lena.GetStringAsync(U($"/sows/{sow}"));
        forLena.ShouldContain("Two weekends of staged builders.");
        var applicationId = Regex.Match(forLena, "name=\"applicationId\" value=\"(\\d+)\"").Groups[1].Value;
        applicationId.ShouldNotBeEmpty();
        await ShouldRedirectAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Select"), Form(forLena, ("applicationId", applicationId))));
        (await amara.GetStringAsync(U($"/sows/{sow}"))).ShouldContain("✓ Selected");
    }

    [Fact]
    public async Task The_working_group_opens_an_rfp_from_the_sow_page_and_a_bad_weight_keeps_the_form()
    {
        using var wg = await Portal.CreateApiClientAsync("sp-open-wg", Role.WorkingGroupMember);
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "sp-open", "RequestForProposals");
        using var amara = await AsAsync("amara-okafor");
        (await amara.GetStringAsync(U($"/sows/{sow}"))).ShouldNotContain("Open the request for proposals");
        using var lena = await AsAsync("lena-fischer");
        var page = await lena.GetStringAsync(U($"/sows/{sow}"));
        page.ShouldContain("Open the request for proposals");
        var deadline = fixture.Clock.GetUtcNow().AddDays(10).UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var bad = await ShouldBePageAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Rfp"), Form(page,
            ("Rfp.Deadline", deadline), ("Rfp.Criteria[0].Name", "Fit with our buildbot"), ("Rfp.Criteria[0].Weight", "0"), ("Rfp.Criteria[1].Name", ""), ("Rfp.Criteria[1].Weight", ""))));
        bad.ShouldContain("field-error");
        bad.ShouldContain("value=\"Fit with our buildbot\"");
        bad.ShouldContain($"value=\"{deadline}\"");

        (await ShouldRedirectAsync(await lena.PostAsync(U($"/sows/{sow}/sourcing?handler=Rfp"), Form(page,
            ("Rfp.Deadline", deadline), ("Rfp.Criteria[0].Name", "Fit with our buildbot"), ("Rfp.Criteria[0].Weight", "2"), ("Rfp.Criteria[1].Name", "Price"), ("Rfp.Criteria[1].Weight", "1"))))).ShouldBe($"/sows/{sow}/rfp");
        var rfp = await amara.GetStringAsync(U($"/sows/{sow}/rfp"));
        rfp.ShouldContain("Fit with our buildbot");
        rfp.ShouldContain("Sealed: offers can be read after " + deadline.Replace('T', ' ') + " UTC (in 10 days)");
        (await amara.GetStringAsync(U($"/sows/{sow}"))).ShouldContain("Read the request for proposals");
    }

    [Fact]
    public async Task A_contractor_revises_then_withdraws_an_offer_and_keeps_the_earlier_revision_in_view()
    {
        using var wg = await Portal.CreateApiClientAsync("sp-revise-wg", Role.WorkingGroupMember);
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "sp-revise", "RequestForProposals");
        await SourcingKit.CreatedIdAsync(await wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(fixture.Clock.GetUtcNow().AddDays(7))));
        var offers = $"/sows/{sow}/offers";
        using var ines = await AsAsync("ines-moreau");
        var html = await ines.GetStringAsync(U(offers));
        await ShouldRedirectAsync(await ines.PostAsync(U(offers + "?handler=Submit"), Form(html,
            ("Offer.Organisation", "Moreau CI"), ("Offer.Price", "20000"), ("Offer.Currency", "EUR"), ("Offer.Schedule", "Eight weeks."), ("Offer.Approach", "First approach."))));
        html = await ines.GetStringAsync(U(offers));
        html.ShouldContain("Revise your offer");
        var offerId = Regex.Match(html, "name=\"Offer.OfferId\" value=\"(\\d+)\"").Groups[1].Value;
        await ShouldRedirectAsync(await ines.PostAsync(U(offers + "?handler=Revise"), Form(html,
            ("Offer.OfferId", offerId), ("Offer.Organisation", "Moreau CI"), ("Offer.Price", "18500"), ("Offer.Currency", "EUR"), ("Offer.Schedule", "Seven weeks."), ("Offer.Approach", "Second approach."))));
        html = await ines.GetStringAsync(U(offers));
        html.ShouldContain("EUR 18,500");
        html.ShouldContain("Earlier revisions (1)");
        html.ShouldContain("EUR 20,000");
        var current = Regex.Match(html, "name=\"offerId\" value=\"(\\d+)\"").Groups[1].Value;
        await ShouldRedirectAsync(await ines.PostAsync(U(offers + "?handler=Withdraw"), Form(html, ("offerId", current))));
        html = await ines.GetStringAsync(U(offers));
        html.ShouldContain("Withdrawn");
        html.ShouldNotContain("Withdraw this offer");
    }

    [GeneratedRegex("name=\"Score.OfferId\" value=\"(\\d+)\"")]
    private static partial Regex OfferIdPattern();
}
