using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <summary>
    /// Every instance's access cache (ADR 9) is told when anything that decides access changes:
    /// a role grant, a token's revocation, expiry or owner, a person. PostgreSQL delivers the
    /// notification at commit, and only then.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261201203000_AccessChangeNotifications")]
    public partial class AccessChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('iwg_access', TG_TABLE_NAME);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER role_grants_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
                CREATE TRIGGER api_tokens_access_changed AFTER UPDATE OF revoked_at, expires_at, person_id, hash OR DELETE OR TRUNCATE ON api_tokens
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
                CREATE TRIGGER people_access_changed AFTER UPDATE OR DELETE OR TRUNCATE ON people
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_access_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER people_access_changed ON people;
                DROP TRIGGER api_tokens_access_changed ON api_tokens;
                DROP TRIGGER role_grants_access_changed ON role_grants;
                DROP FUNCTION notify_access_changed();
                """);
        }
    }
}
