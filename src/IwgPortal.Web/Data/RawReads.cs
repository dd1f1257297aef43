using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IwgPortal.Web.Data;

/// <summary>
/// Hand-written <c>SELECT</c>s on the request's own connection, for the few hot reads that EF
/// Core cannot compile: a <c>FromSql</c> statement has its parameters processed, its SQL generated
/// and then re-parsed by Npgsql on every call. Here the SQL is a constant with positional
/// parameters (<c>$1</c>), which Npgsql sends as it is and prepares once per connection (ADR 11).
/// Writes never go this way: they stay in EF Core, where the audit trail and the cache eviction live.
/// </summary>
public static class RawReads
{
    public static NpgsqlParameter Arg<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    /// <summary>The first row read by <paramref name="read"/>, or the default when there is none.</summary>
    public static async Task<TRow?> SingleRowAsync<TRow>(
        this PortalDbContext db, string sql, Func<NpgsqlDataReader, TRow> read, CancellationToken cancellationToken, params NpgsqlParameter[] args)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.AddRange(args);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader) : default;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One statement of a <see cref="BatchAsync{T}"/>, with its own positional parameters.</summary>
    public static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(args);
        return command;
    }

    /// <summary>
    /// Several statements sent in one round trip, their result sets read in order by <paramref name="read"/>
    /// (<see cref="NpgsqlDataReader.NextResultAsync(CancellationToken)"/> between them): for a read of
    /// several lists, whose rows cost less to decode than the same lists as arrays in one row.
    /// </summary>
    public static async Task<T> BatchAsync<T>(
        this PortalDbContext db, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken, params NpgsqlBatchCommand[] statements)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(statement);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A column that may be null, as a reference (null when SQL NULL).</summary>
    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>A column that may be null, as a value (null when SQL NULL).</summary>
    public static T? NullableValue<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
