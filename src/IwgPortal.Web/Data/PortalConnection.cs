using Npgsql;

namespace IwgPortal.Web.Data;

/// <summary>
/// The connection settings the portal adds to ConnectionStrings:Portal unless it sets them itself.
/// Measured at 100,000 proposals (docs/performance.md): without them PostgreSQL spent most of a
/// computed read parsing and planning the same statements again, because Npgsql's reset of a pooled
/// connection (DISCARD ALL) also drops its prepared statements.
/// </summary>
public static class PortalConnection
{
    /// <summary>Statements prepared per connection after a few uses (Npgsql's "Max Auto Prepare"); the least used are replaced.</summary>
    public const int AutoPreparedStatements = 100;

    public static string Tune(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString ?? string.Empty;
        if (!Mentions(given, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        // The portal keeps no session state on a connection (no SET, temporary tables, LISTEN or
        // advisory locks), so skipping the reset loses nothing and keeps the prepared statements.
        if (!Mentions(given, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, string keyword) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal) + "=", StringComparison.OrdinalIgnoreCase);
}
