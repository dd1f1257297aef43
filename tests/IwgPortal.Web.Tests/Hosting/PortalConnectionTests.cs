using IwgPortal.Web.Data;
using Npgsql;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>The connection settings the portal adds for speed, and that an operator's own settings win.</summary>
public class PortalConnectionTests
{
    [Fact]
    public void Statements_are_prepared_and_kept_across_checkouts_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PortalConnection.Tune("Host=db;Database=iwg;Username=portal"));
        tuned.MaxAutoPrepare.ShouldBe(PortalConnection.AutoPreparedStatements);
        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.Host.ShouldBe("db");
        tuned.Database.ShouldBe("iwg");

        var own = new NpgsqlConnectionStringBuilder(PortalConnection.Tune("Host=db;Max Auto Prepare=0;no reset on close=false"));
        own.MaxAutoPrepare.ShouldBe(0);
        own.NoResetOnClose.ShouldBeFalse();
    }
}
