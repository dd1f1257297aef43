using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.StatementsOfWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace IwgPortal.Web.Data.Configurations;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public const string SearchVector = "SearchVector";

    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("proposals", t => t.HasCheckConstraint("ck_proposals_comment_count", "comment_count >= 0"));
        builder.Property(p => p.Title).HasMaxLength(Proposal.MaxTitleLength);
        builder.Property(p => p.Problem).HasMaxLength(Proposal.MaxTextLength);
        builder.Property(p => p.DesiredOutcome).HasMaxLength(Proposal.MaxTextLength);
        builder.PrimitiveCollection(p => p.ServiceIds).HasField("_serviceIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(p => p.Links).HasField("_links").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Transitions).WithOne().HasForeignKey(t => t.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Transitions).HasField("_transitions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(p => new { p.AuthorId, p.SubmissionKey }).IsUnique();

        // Keyset paging: each sort order has an index ending in the id that breaks ties.
        builder.HasIndex(p => new { p.State, p.Id });
        builder.HasIndex(p => new { p.CommentCount, p.Id });
        builder.HasIndex(p => new { p.LastActivityAt, p.Id });
        builder.HasIndex(p => p.ServiceIds).HasMethod("gin");

        // Full-text search: title weighs more than the body; PostgreSQL keeps the vector current.
        builder.Property<NpgsqlTsVector>(SearchVector)
            .HasColumnName("search_vector")
            .HasComputedColumnSql(
                "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(desired_outcome, '')), 'B')",
                stored: true);
        builder.HasIndex(SearchVector).HasMethod("gin");
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class ProposalTransitionConfiguration : IEntityTypeConfiguration<ProposalTransition>
{
    public void Configure(EntityTypeBuilder<ProposalTransition> builder)
    {
        builder.ToTable("proposal_transitions");
        builder.Property(t => t.Reason).HasMaxLength(ProposalTransition.MaxReasonLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ProposalId, t.At });
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public const string BodySha256 = "BodySha256";

    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        // A comment discusses exactly one thing; on an SOW it remembers the revision it was written on.
        builder.ToTable("comments", t =>
        {
            t.HasCheckConstraint("ck_comments_one_subject", "(proposal_id IS NULL) <> (sow_id IS NULL)");
            t.HasCheckConstraint("ck_comments_sow_revision", "(sow_id IS NULL) = (sow_revision IS NULL)");
        });
        builder.Property(c => c.Body).HasMaxLength(Comment.MaxBodyLength);
        // The text's SHA-256 (of its UTF-8), kept by the database on every write: a thread page finds
        // each comment's rendered HTML by it without reading the texts (MarkdownRenderer, ADR 15).
        builder.Property<byte[]>(BodySha256).HasComputedColumnSql("utf8_sha256(body)", stored: true);
        builder.Property(c => c.HiddenReason).HasMaxLength(Comment.MaxHideReasonLength);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.HiddenById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<StatementOfWork>().WithMany().HasForeignKey(c => c.SowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProposalId, c.Id });
        builder.HasIndex(c => new { c.SowId, c.Id }).HasFilter("sow_id IS NOT NULL");
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}

internal sealed class CommentRevisionConfiguration : IEntityTypeConfiguration<CommentRevision>
{
    public void Configure(EntityTypeBuilder<CommentRevision> builder)
    {
        builder.ToTable("comment_revisions");
        builder.Property(r => r.Body).HasMaxLength(Comment.MaxBodyLength);
    }
}

internal sealed class ProposalFollowerConfiguration : IEntityTypeConfiguration<ProposalFollower>
{
    public void Configure(EntityTypeBuilder<ProposalFollower> builder)
    {
        builder.ToTable("proposal_followers");
        builder.HasKey(f => new { f.ProposalId, f.PersonId });
        builder.HasOne<Proposal>().WithMany().HasForeignKey(f => f.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
