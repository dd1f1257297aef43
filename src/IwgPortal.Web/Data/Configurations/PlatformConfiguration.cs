using IwgPortal.Domain.Common;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Services;
using IwgPortal.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IwgPortal.Web.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.PersonId);
        builder.Property(t => t.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InfrastructureServiceConfiguration : IEntityTypeConfiguration<InfrastructureService>
{
    public void Configure(EntityTypeBuilder<InfrastructureService> builder)
    {
        builder.ToTable("services");
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(InfrastructureService.MaxSlugLength);
        builder.Property(s => s.Name).HasMaxLength(InfrastructureService.MaxNameLength);
        builder.Property(s => s.Description).HasMaxLength(InfrastructureService.MaxDescriptionLength);
        builder.Property(s => s.Operator).HasMaxLength(InfrastructureService.MaxOperatorLength);
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasIndex(e => new { e.RecordKind, e.RecordId, e.Id });
        builder.HasIndex(e => e.OccurredAt);
        builder.Property(e => e.RecordKind).HasMaxLength(40);
        builder.Property(e => e.RecordId).HasMaxLength(80);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Changes).HasColumnType("jsonb");
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}
