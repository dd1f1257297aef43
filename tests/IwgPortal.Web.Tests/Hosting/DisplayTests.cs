using System.Globalization;
using System.Text.Encodings.Web;
using IwgPortal.Web.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>How pages show a time: the relative text, with the exact UTC time as tooltip and as machine-readable value.</summary>
public class DisplayTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(-30, "just now")]
    [InlineData(-60 * 5, "5 minutes ago")]
    [InlineData(-60 * 60, "1 hour ago")]
    [InlineData(-60 * 60 * 24 * 4, "4 days ago")]
    [InlineData(60 * 60 * 3, "in 3 hours")]
    public void A_time_is_one_element_with_its_utc_value_title_and_relative_text(int secondsFromNow, string relative)
    {
        // Given in another offset: the page shows it in UTC.
        var instant = _clock.GetUtcNow().AddSeconds(secondsFromNow).ToOffset(TimeSpan.FromHours(2));
        var utc = instant.UtcDateTime;

        Html(Display.Time(instant, _clock)).ShouldBe(
            string.Create(CultureInfo.InvariantCulture, $"<time datetime=\"{utc:O}\" title=\"{utc:yyyy-MM-dd HH:mm} UTC\">{relative}</time>"));
    }

    [Fact]
    public void A_time_long_ago_shows_its_date_and_keeps_its_seconds_in_the_machine_readable_value()
    {
        var instant = new DateTimeOffset(2025, 3, 7, 8, 9, 10, 123, TimeSpan.Zero);

        Html(Display.Time(instant, _clock)).ShouldBe(
            "<time datetime=\"2025-03-07T08:09:10.1230000Z\" title=\"2025-03-07 08:09 UTC\">7 Mar 2025</time>");
    }

    [Fact]
    public void A_sha256_is_four_unbreakable_groups_of_16_with_nothing_between_them()
    {
        var hex = string.Concat(Enumerable.Range(0, 32).Select(i => (i * 7).ToString("x2", CultureInfo.InvariantCulture)));

        var html = Html(Display.Sha256(hex));

        html.ShouldBe(string.Concat(hex.Chunk(16).Select(group => $"<span class=\"sha-group\">{new string(group)}</span>")));
        System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty).ShouldBe(hex);
        Html(Display.Sha256("<not a hash>")).ShouldBe("&lt;not a hash&gt;");
    }

    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Theory]
    [InlineData("sow", "statement of work")]
    [InlineData("sow-bounty-application", "bounty application")]
    [InlineData("sow-rfp-offer", "offer")]
    [InlineData("role-grant", "role")]
    [InlineData("proposal", "proposal")]
    [InlineData("some-new-kind", "some new kind")]
    public void A_record_kind_reads_as_words(string kind, string words) => Display.RecordKind(kind).ShouldBe(words);
}
