using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SowComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "proposal_id",
                table: "comments",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "sow_id",
                table: "comments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sow_revision",
                table: "comments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_comments_sow_id_id",
                table: "comments",
                columns: new[] { "sow_id", "id" },
                filter: "sow_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_comments_one_subject",
                table: "comments",
                sql: "(proposal_id IS NULL) <> (sow_id IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_comments_sow_revision",
                table: "comments",
                sql: "(sow_id IS NULL) = (sow_revision IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "fk_comments_statements_of_work_sow_id",
                table: "comments",
                column: "sow_id",
                principalTable: "statements_of_work",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The revision a comment was written on must exist (revisions are owned rows EF cannot point at).
            migrationBuilder.Sql("ALTER TABLE comments ADD CONSTRAINT fk_comments_sow_revisions FOREIGN KEY (sow_id, sow_revision) REFERENCES sow_revisions (sow_id, number) ON DELETE RESTRICT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE comments DROP CONSTRAINT fk_comments_sow_revisions;");

            migrationBuilder.DropForeignKey(
                name: "fk_comments_statements_of_work_sow_id",
                table: "comments");

            migrationBuilder.DropIndex(
                name: "ix_comments_sow_id_id",
                table: "comments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_comments_one_subject",
                table: "comments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_comments_sow_revision",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "sow_id",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "sow_revision",
                table: "comments");

            migrationBuilder.AlterColumn<int>(
                name: "proposal_id",
                table: "comments",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
