using System.Collections.Concurrent;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data.Configurations;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>Configuration section "RevisionTexts" (ADR 12).</summary>
public sealed class RevisionTextOptions
{
    public const string Section = "RevisionTexts";

    /// <summary>Off: every read of a published text has it sent by the database and parses it again.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Texts kept at most (parsed, a text takes about twice its JSON: UTF-16 strings); beyond it the cache starts again empty.</summary>
    public int MaxEntries { get; set; } = 500;
}

/// <summary>
/// Published revisions' texts, parsed, as last read (ADR 12). A revision never changes (the database
/// refuses updates and deletes of <c>sow_revisions</c>), so a reader that holds its text need not have
/// PostgreSQL turn the <c>jsonb</c> back into text, send it and have it parsed again. The reads pass the
/// number and row version (<c>xmin</c>) of the text held, and the database sends the text only when the
/// revision it reads is another one. The row version makes a database re-created under a running portal
/// (as tests do) send its own texts. What is held is shared by concurrent requests, so it is never changed.
/// </summary>
public sealed class RevisionTexts(RevisionTextOptions options)
{
    private readonly ConcurrentDictionary<(int Sow, int Number), HeldText> _texts = new();
    private readonly ConcurrentDictionary<int, HeldText> _latest = new();

    /// <summary>The text last read as an SOW's latest, if held: what a read of the latest passes to the database.</summary>
    public HeldText? Latest(int sowId) => options.Enabled && _latest.TryGetValue(sowId, out var held) ? held : null;

    /// <summary>One revision's text, if held.</summary>
    public HeldText? Of(int sowId, int number) => options.Enabled && _texts.TryGetValue((sowId, number), out var held) ? held : null;

    /// <summary>
    /// Revision <paramref name="number"/>'s text: parsed from <paramref name="text"/> when the database sent
    /// it (and then kept), otherwise the <paramref name="held"/> text, which the database found to be the same row.
    /// </summary>
    public SowContent Resolve(int sowId, int number, long rowVersion, string? text, HeldText? held, bool isLatest)
    {
        if (text is null)
        {
            return held is not null && held.Number == number && held.RowVersion == rowVersion
                ? held.Content
                : throw new InvalidOperationException($"Revision {number} of statement of work {sowId} was read without its text, and no text of that row is held.");
        }

        var content = StatementOfWorkConfiguration.ReadContent(text);
        if (options.Enabled)
        {
            if (_texts.Count >= options.MaxEntries)
            {
                _texts.Clear();
                _latest.Clear();
            }

            var kept = new HeldText(number, rowVersion, content);
            _texts[(sowId, number)] = kept;
            if (isLatest)
            {
                // Two readers around a publication may store in either order: an older "latest" only
                // costs the next reader the text, which the database then sends.
                _latest[sowId] = kept;
            }
        }

        return content;
    }
}

/// <summary>A revision's parsed text with the number and row version it was read from.</summary>
public sealed record HeldText(int Number, long RowVersion, SowContent Content);
