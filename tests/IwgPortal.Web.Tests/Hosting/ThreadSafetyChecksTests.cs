using IwgPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// EF Core's guard against two operations at once on one context: on in Development, where the
/// tests run and misuse must fail loudly; off in Production, where it cost an AsyncLocal write per
/// row read (ADR 14).
/// </summary>
public class ThreadSafetyChecksTests
{
    [Fact]
    public async Task In_development_a_second_thread_querying_a_context_while_it_runs_a_query_is_refused_by_ef_core()
    {
        await using var portal = PortalFactory.Create();
        var error = await portal.WithDbAsync(async db =>
        {
            // The first query holds the context for a second. The second starts on another thread,
            // in an execution context of its own: EF Core lets the flow that holds a context re-enter it.
            var first = db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_sleep(1)").ToListAsync();
            Task<int> second;
            using (ExecutionContext.SuppressFlow())
            {
                second = Task.Run(() => db.Proposals.CountAsync());
            }

            var refused = await Should.ThrowAsync<InvalidOperationException>(second);
            (await first).ShouldBe([1]);
            return refused;
        });
        error.Message.ShouldContain("A second operation was started on this context instance");
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task The_portal_checks_its_contexts_only_in_development(string environment, bool checks)
    {
        await using var portal = PortalFactory.Create(environment: environment);
        var enabled = await portal.WithDbAsync(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled));
        enabled.ShouldBe(checks);
    }
}
