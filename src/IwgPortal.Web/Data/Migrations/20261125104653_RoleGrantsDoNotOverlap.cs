using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoleGrantsDoNotOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rules twice where cheap: the domain refuses overlapping terms, and so does the database,
            // even for two admins granting the same role at the same moment.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                ALTER TABLE role_grants ADD CONSTRAINT ex_role_grants_no_overlap
                    EXCLUDE USING gist (person_id WITH =, role WITH =, tstzrange("from", "to", '[)') WITH &&);
                """);


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE role_grants DROP CONSTRAINT ex_role_grants_no_overlap;");


        }
    }
}
