using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.Services;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Data;

/// <summary>
/// The portal's unit of work. Requests take instances from EF Core's pool (<see cref="Rent"/>):
/// creating a context's internal services on every request was a tenth of a computed API read.
/// </summary>
public sealed class PortalDbContext : DbContext, IDataProtectionKeyContext
{
    private CurrentUser? _currentUser;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>
    /// The only constructor, as the pool requires; <see cref="Rent"/> binds the request's user and
    /// clock. Outside a request (migrations, tools) audit events have no actor and the system clock.
    /// </summary>
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    /// <summary>A pooled context bound to this request's user and clock; disposing it returns it to the pool.</summary>
    internal static PortalDbContext Rent(IServiceProvider requestServices)
    {
        var db = requestServices.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        db._currentUser = requestServices.GetRequiredService<CurrentUser>();
        db._clock = requestServices.GetRequiredService<TimeProvider>();
        db.HasUncommittedWrites = false;
        return db;
    }

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<InfrastructureService> Services => Set<InfrastructureService>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<ProposalFollower> ProposalFollowers => Set<ProposalFollower>();

    public DbSet<StatementOfWork> StatementsOfWork => Set<StatementOfWork>();

    public DbSet<VolunteerOffer> VolunteerOffers => Set<VolunteerOffer>();

    public DbSet<Bounty> Bounties => Set<Bounty>();

    public DbSet<BountyApplication> BountyApplications => Set<BountyApplication>();

    public DbSet<RequestForProposals> Rfps => Set<RequestForProposals>();

    public DbSet<RfpQuestion> RfpQuestions => Set<RfpQuestion>();

    public DbSet<RfpOffer> RfpOffers => Set<RfpOffer>();

    public DbSet<RfpScore> RfpScores => Set<RfpScore>();

    public DbSet<RfpConflict> RfpConflicts => Set<RfpConflict>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set while a transaction holds writes not yet committed (Hosting/Caching: caches are evicted at the commit).</summary>
    internal bool HasUncommittedWrites { get; set; }

    /// <summary>Only for framework code (data-protection keys); audited records are saved with SaveChangesAsync.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => AuditTrail.Collect(ChangeTracker).Count == 0
        ? base.SaveChanges(acceptAllChangesOnSuccess)
        : throw new NotSupportedException("Use SaveChangesAsync: it writes the audit trail in the same transaction.");

    /// <summary>
    /// Saves, then writes one audit event per changed audited record, in one transaction: the
    /// keys of new rows are known only after the first save.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = AuditTrail.Collect(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = _clock.GetUtcNow();
            AuditEvents.AddRange(pending.Select(p => p.ToEvent(now, _currentUser?.PersonId)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<Uri>().HaveConversion<string>().HaveMaxLength(2000);
    }
}
