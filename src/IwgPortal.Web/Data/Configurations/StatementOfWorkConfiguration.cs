using System.Text.Json;
using IwgPortal.Domain.StatementsOfWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IwgPortal.Web.Data.Configurations;

internal sealed class StatementOfWorkConfiguration : IEntityTypeConfiguration<StatementOfWork>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The whole text is one JSON document: it is read and written as a unit, and revisions freeze it.
    private static readonly ValueConverter<SowContent, string> ContentConverter = new(
        content => JsonSerializer.Serialize(content, Json),
        json => ReadContent(json));

    private static readonly ValueComparer<SowContent> ContentComparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.Canonical() == b.Canonical()),
        content => content.Canonical().GetHashCode(StringComparison.Ordinal),
        content => content);

    /// <summary>A text as stored, read as the converter reads it: for queries that read the column as text themselves.</summary>
    public static SowContent ReadContent(string json) => JsonSerializer.Deserialize<SowContent>(json, Json)!;

    public void Configure(EntityTypeBuilder<StatementOfWork> builder)
    {
        builder.ToTable("statements_of_work");
        builder.Property(s => s.Draft).HasColumnType("jsonb").HasConversion(ContentConverter, ContentComparer);
        builder.PrimitiveCollection(s => s.ProposalIds).HasField("_proposalIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => s.State);
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();

        builder.OwnsMany(s => s.Revisions, revision =>
        {
            revision.ToTable("sow_revisions");
            revision.WithOwner().HasForeignKey("SowId");
            revision.HasKey("SowId", nameof(SowRevision.Number));
            revision.Property(r => r.Number).ValueGeneratedNever();
            revision.Property(r => r.Content).HasColumnType("jsonb").HasConversion(ContentConverter, ContentComparer);
            revision.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        });
        builder.Navigation(s => s.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(s => s.Transitions, transition =>
        {
            transition.ToTable("sow_transitions");
            transition.WithOwner().HasForeignKey("SowId");
            transition.Property<int>("Id");
            transition.HasKey("Id");
            transition.Property(t => t.Reason).HasMaxLength(2_000);
        });
        builder.Navigation(s => s.Transitions).HasField("_transitions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
