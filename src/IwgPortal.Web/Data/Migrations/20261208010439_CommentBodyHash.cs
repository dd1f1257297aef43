using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <summary>
    /// Each comment's SHA-256 of its text, kept by the database, by which a thread page finds the
    /// rendered HTML without reading the texts (ADR 15). convert_to is only STABLE, because it depends
    /// on the database's encoding, which is fixed when the database is made (UTF8 here): the wrapper is
    /// IMMUTABLE so a generated column may use it.
    /// </summary>
    public partial class CommentBodyHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION utf8_sha256(text) RETURNS bytea
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN sha256(convert_to($1, 'UTF8'));
                """);
            migrationBuilder.AddColumn<byte[]>(
                name: "body_sha256",
                table: "comments",
                type: "bytea",
                nullable: true,
                computedColumnSql: "utf8_sha256(body)",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "body_sha256",
                table: "comments");

            migrationBuilder.Sql("DROP FUNCTION utf8_sha256(text);");
        }
    }
}
