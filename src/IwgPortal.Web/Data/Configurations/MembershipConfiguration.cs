using IwgPortal.Domain.Membership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IwgPortal.Web.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasIndex(p => p.GitHubId).IsUnique();
        builder.HasIndex(p => p.Login);
        builder.Property(p => p.Login).HasMaxLength(Person.MaxLoginLength);
        builder.Property(p => p.DisplayName).HasMaxLength(Person.MaxNameLength);
        builder.HasMany(p => p.RoleGrants).WithOne().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.RoleGrants).HasField("_roleGrants").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> builder)
    {
        builder.ToTable("role_grants", t => t.HasCheckConstraint("ck_role_grants_term", "\"to\" IS NULL OR \"to\" >= \"from\""));
        builder.HasIndex(g => new { g.PersonId, g.Role });
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.GrantedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.EndedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}
