using IwgPortal.Domain.Membership;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IwgPortal.Web.Data.Configurations;

// The delivery routes of an SOW. The database backs the domain's rules where it is cheap: money
// is positive with a three-letter currency, weights and scores stay in range, and partial unique
// indexes keep one current record (offer, score, bounty amount) where history is kept by superseding.
// Records that two people can change at once (an offer revised and withdrawn, a question answered
// twice, an RFP chosen twice) carry xmin: the second change gets 409 instead of overwriting the first.
internal sealed class VolunteerOfferConfiguration : IEntityTypeConfiguration<VolunteerOffer>
{
    public void Configure(EntityTypeBuilder<VolunteerOffer> builder)
    {
        builder.ToTable("sow_volunteer_offers");
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.Property(v => v.Note).HasMaxLength(VolunteerOffer.MaxNoteLength);
        builder.HasIndex(v => new { v.SowId, v.PersonId }).IsUnique();
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(v => v.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.AssignedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BountyConfiguration : IEntityTypeConfiguration<Bounty>
{
    public void Configure(EntityTypeBuilder<Bounty> builder)
    {
        builder.ToTable("sow_bounties", t =>
        {
            t.HasCheckConstraint("ck_sow_bounties_amount", "amount > 0");
            t.HasCheckConstraint("ck_sow_bounties_currency", "currency ~ '^[A-Z]{3}$'");
        });
        builder.Property(b => b.Amount).HasPrecision(14, 2);
        builder.Property(b => b.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(b => b.SowId).IsUnique().HasFilter("superseded_at IS NULL").HasDatabaseName("ix_sow_bounties_current");
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(b => b.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.SetById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BountyApplicationConfiguration : IEntityTypeConfiguration<BountyApplication>
{
    public void Configure(EntityTypeBuilder<BountyApplication> builder)
    {
        builder.ToTable("sow_bounty_applications");
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.Property(a => a.Plan).HasMaxLength(BountyApplication.MaxPlanLength);
        builder.HasIndex(a => new { a.SowId, a.PersonId }).IsUnique();
        builder.HasIndex(a => a.SowId).IsUnique().HasFilter("selected_at IS NOT NULL").HasDatabaseName("ix_sow_bounty_applications_selected");
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(a => a.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Bounty>().WithMany().HasForeignKey(a => a.BountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.SelectedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequestForProposalsConfiguration : IEntityTypeConfiguration<RequestForProposals>
{
    public void Configure(EntityTypeBuilder<RequestForProposals> builder)
    {
        builder.ToTable("sow_rfps");
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.HasIndex(r => r.SowId).IsUnique();
        builder.Property(r => r.ChosenOrganisation).HasMaxLength(RfpOffer.MaxOrganisationLength);
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(r => r.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.OpenedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.ChosenById).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(r => r.Criteria, criterion =>
        {
            criterion.ToTable("sow_rfp_criteria", t => t.HasCheckConstraint("ck_sow_rfp_criteria_weight", $"weight > 0 AND weight <= {RequestForProposals.MaxWeight}"));
            criterion.WithOwner().HasForeignKey("RfpId");
            criterion.HasKey("RfpId", nameof(RfpCriterion.Key));
            criterion.Property(c => c.Key).HasMaxLength(10);
            criterion.Property(c => c.Name).HasMaxLength(RequestForProposals.MaxCriterionNameLength);
        });
        builder.Navigation(r => r.Criteria).HasField("_criteria").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RfpQuestionConfiguration : IEntityTypeConfiguration<RfpQuestion>
{
    public void Configure(EntityTypeBuilder<RfpQuestion> builder)
    {
        builder.ToTable("sow_rfp_questions");
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.Property(q => q.Question).HasMaxLength(RfpQuestion.MaxTextLength);
        builder.Property(q => q.Answer).HasMaxLength(RfpQuestion.MaxTextLength);
        builder.HasIndex(q => q.RfpId);
        builder.HasOne<RequestForProposals>().WithMany().HasForeignKey(q => q.RfpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AskedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AnsweredById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RfpOfferConfiguration : IEntityTypeConfiguration<RfpOffer>
{
    public void Configure(EntityTypeBuilder<RfpOffer> builder)
    {
        builder.ToTable("sow_rfp_offers", t =>
        {
            t.HasCheckConstraint("ck_sow_rfp_offers_price", "price > 0");
            t.HasCheckConstraint("ck_sow_rfp_offers_currency", "currency ~ '^[A-Z]{3}$'");
        });
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.Property(o => o.Price).HasPrecision(14, 2);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.Organisation).HasMaxLength(RfpOffer.MaxOrganisationLength);
        builder.Property(o => o.Schedule).HasMaxLength(RfpOffer.MaxScheduleLength);
        builder.Property(o => o.Approach).HasMaxLength(RfpOffer.MaxApproachLength);
        builder.Property(o => o.Attachments).HasMaxLength(RfpOffer.MaxAttachmentsLength);

        // One current offer per contractor per RFP; revisions before it are kept, superseded.
        builder.HasIndex(o => new { o.RfpId, o.SubmittedById }).IsUnique().HasFilter("superseded_at IS NULL").HasDatabaseName("ix_sow_rfp_offers_current");
        builder.HasIndex(o => o.SupersedesId).IsUnique();
        builder.HasOne<RequestForProposals>().WithMany().HasForeignKey(o => o.RfpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(o => o.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.SubmittedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RfpOffer>().WithOne().HasForeignKey<RfpOffer>(o => o.SupersedesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RfpScoreConfiguration : IEntityTypeConfiguration<RfpScore>
{
    public void Configure(EntityTypeBuilder<RfpScore> builder)
    {
        builder.ToTable("sow_rfp_scores", t => t.HasCheckConstraint(
            "ck_sow_rfp_scores_value", $"value >= {RequestForProposals.MinScore} AND value <= {RequestForProposals.MaxScore}"));
        builder.Property(s => s.CriterionKey).HasMaxLength(10);
        builder.Property(s => s.Note).HasMaxLength(RfpScore.MaxNoteLength);
        builder.HasIndex(s => new { s.OfferId, s.ScorerId, s.CriterionKey }).IsUnique().HasFilter("superseded_at IS NULL").HasDatabaseName("ix_sow_rfp_scores_current");
        builder.HasIndex(s => s.RfpId);
        builder.HasIndex(s => s.SupersedesId).IsUnique();
        builder.HasOne<RequestForProposals>().WithMany().HasForeignKey(s => s.RfpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RfpOffer>().WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.ScorerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RfpScore>().WithOne().HasForeignKey<RfpScore>(s => s.SupersedesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RfpConflictConfiguration : IEntityTypeConfiguration<RfpConflict>
{
    public void Configure(EntityTypeBuilder<RfpConflict> builder)
    {
        builder.ToTable("sow_rfp_conflicts");
        builder.Property(c => c.Organisation).HasMaxLength(RfpOffer.MaxOrganisationLength);
        builder.Property(c => c.Note).HasMaxLength(RfpConflict.MaxNoteLength);
        builder.HasIndex(c => new { c.RfpId, c.MemberId, c.Organisation }).IsUnique();
        builder.HasOne<RequestForProposals>().WithMany().HasForeignKey(c => c.RfpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
