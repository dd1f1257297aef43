using System.Collections.Frozen;
using System.Globalization;
using System.Text.Encodings.Web;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using Microsoft.AspNetCore.Html;

namespace IwgPortal.Web.Hosting;

/// <summary>Small formatting rules shared by the pages.</summary>
public static class Display
{
    public static string Relative(DateTimeOffset instant, DateTimeOffset now)
    {
        var delta = now - instant;
        var future = delta < TimeSpan.Zero;
        var span = future ? -delta : delta;
        string text = span switch
        {
            _ when span < TimeSpan.FromMinutes(1) => "just now",
            _ when span < TimeSpan.FromHours(1) => Plural((int)Math.Round(span.TotalMinutes), "minute"),
            _ when span < TimeSpan.FromDays(1) => Plural((int)Math.Round(span.TotalHours), "hour"),
            _ when span < TimeSpan.FromDays(60) => Plural((int)Math.Round(span.TotalDays), "day"),
            _ => instant.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
        if (text == "just now" || span >= TimeSpan.FromDays(60))
        {
            return text;
        }

        return future ? "in " + text : text + " ago";
    }

    /// <summary>
    /// A time as pages show it: relative text, the exact UTC time as a tooltip and machine-readable.
    /// A helper, not a partial view: a long thread shows a thousand of them, and a partial costs a
    /// view activation each.
    /// </summary>
    public static IHtmlContent Time(DateTimeOffset instant, TimeProvider clock) => new TimeTag(instant, clock.GetUtcNow());

    /// <summary>
    /// A SHA-256 in hex as four groups of 16 characters, each kept on one line: in a narrow
    /// sidebar a 64-character string broke wherever the width ran out, leaving a lone character on
    /// its last line. No space between the groups, so a copied hash is still one word.
    /// </summary>
    public static IHtmlContent Sha256(string hex)
    {
        if (hex.Length != 64)
        {
            return new HtmlString(HtmlEncoder.Default.Encode(hex));
        }

        return new HtmlString(string.Concat(hex.Chunk(16).Select(group =>
            $"<span class=\"sha-group\">{HtmlEncoder.Default.Encode(new string(group))}</span>")));
    }

    /// <summary>
    /// A record's kind in words, for the audit trail and the home page's activity: the kinds are
    /// identifiers ("sow-bounty-application"), which read as code to a visitor. Keyed by the
    /// domain's own kinds, so renaming one cannot leave its words behind.
    /// </summary>
    public static string RecordKind(string kind) => KindWords.TryGetValue(kind, out var words) ? words : kind.Replace('-', ' ');

    private static readonly FrozenDictionary<string, string> KindWords = new Dictionary<string, string>
    {
        [StatementOfWork.AuditKind] = "statement of work",
        [VolunteerOffer.AuditKind] = "volunteer offer",
        [Bounty.AuditKind] = "bounty",
        [BountyApplication.AuditKind] = "bounty application",
        [RequestForProposals.AuditKind] = "request for proposals",
        [RfpOffer.AuditKind] = "offer",
        [RfpQuestion.AuditKind] = "question on a request for proposals",
        [RfpScore.AuditKind] = "offer score",
        [RfpConflict.AuditKind] = "conflict-of-interest declaration",
        [RoleGrant.AuditKind] = "role",
    }.ToFrozenDictionary();

    public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    /// <summary>
    /// The element written straight to the page's writer when the page is sent, its two time stamps
    /// formatted on the stack: made as one string each (about 250 bytes), they were kept until the
    /// whole page was written, and a long thread shows hundreds.
    /// </summary>
    private sealed class TimeTag(DateTimeOffset instant, DateTimeOffset now) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var utc = instant.UtcDateTime;
            Span<char> text = stackalloc char[40];
            writer.Write("<time datetime=\"");
            writer.Write(text[..Formatted(utc, text, "O")]);
            writer.Write("\" title=\"");
            writer.Write(text[..Formatted(utc, text, "yyyy-MM-dd HH:mm 'UTC'")]);
            writer.Write("\">");
            encoder.Encode(writer, Relative(instant, now));
            writer.Write("</time>");
        }

        private static int Formatted(DateTime utc, Span<char> text, string format) =>
            utc.TryFormat(text, out var written, format, CultureInfo.InvariantCulture) ? written : throw new FormatException($"A time did not fit {text.Length} characters as {format}.");
    }

}