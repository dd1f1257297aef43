using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatementsOfWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "statements_of_work",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    draft = table.Column<string>(type: "jsonb", nullable: false),
                    created_by_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    proposal_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statements_of_work", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sow_revisions",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    published_by_id = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_revisions", x => new { x.sow_id, x.number });
                    table.ForeignKey(
                        name: "fk_sow_revisions_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sow_transitions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    to = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sow_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_transitions_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sow_transitions_sow_id",
                table: "sow_transitions",
                column: "sow_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_of_work_state",
                table: "statements_of_work",
                column: "state");
        
            // A published revision is frozen: the database refuses to change or delete it.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_revision_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'sow_revisions are immutable' USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER sow_revisions_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON sow_revisions
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_revision_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sow_revisions_immutable ON sow_revisions; DROP FUNCTION refuse_revision_change();");

            migrationBuilder.DropTable(
                name: "sow_revisions");

            migrationBuilder.DropTable(
                name: "sow_transitions");

            migrationBuilder.DropTable(
                name: "statements_of_work");
        }
    }
}
