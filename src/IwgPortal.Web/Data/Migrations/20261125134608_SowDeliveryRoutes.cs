using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SowDeliveryRoutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sow_bounties",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    set_by_id = table.Column<int>(type: "integer", nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_bounties", x => x.id);
                    table.CheckConstraint("ck_sow_bounties_amount", "amount > 0");
                    table.CheckConstraint("ck_sow_bounties_currency", "currency ~ '^[A-Z]{3}$'");
                    table.ForeignKey(
                        name: "fk_sow_bounties_people_set_by_id",
                        column: x => x.set_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_bounties_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfps",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by_id = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    chosen_offer_id = table.Column<int>(type: "integer", nullable: true),
                    chosen_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    chosen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    chosen_by_id = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfps", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_rfps_people_chosen_by_id",
                        column: x => x.chosen_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfps_people_opened_by_id",
                        column: x => x.opened_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfps_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_volunteer_offers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assigned_by_id = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_volunteer_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_volunteer_offers_people_assigned_by_id",
                        column: x => x.assigned_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_volunteer_offers_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_volunteer_offers_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_bounty_applications",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    bounty_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    plan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    selected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    selected_by_id = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_bounty_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_bounty_applications_bounties_bounty_id",
                        column: x => x.bounty_id,
                        principalTable: "sow_bounties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_bounty_applications_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_bounty_applications_people_selected_by_id",
                        column: x => x.selected_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_bounty_applications_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfp_conflicts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rfp_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<int>(type: "integer", nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfp_conflicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_rfp_conflicts_people_member_id",
                        column: x => x.member_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_conflicts_sow_rfps_rfp_id",
                        column: x => x.rfp_id,
                        principalTable: "sow_rfps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfp_criteria",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rfp_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    weight = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfp_criteria", x => new { x.rfp_id, x.key });
                    table.CheckConstraint("ck_sow_rfp_criteria_weight", "weight > 0 AND weight <= 100");
                    table.ForeignKey(
                        name: "fk_sow_rfp_criteria_sow_rfps_rfp_id",
                        column: x => x.rfp_id,
                        principalTable: "sow_rfps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfp_offers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rfp_id = table.Column<int>(type: "integer", nullable: false),
                    sow_id = table.Column<int>(type: "integer", nullable: false),
                    submitted_by_id = table.Column<int>(type: "integer", nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    schedule = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    approach = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    attachments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    supersedes_id = table.Column<int>(type: "integer", nullable: true),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfp_offers", x => x.id);
                    table.CheckConstraint("ck_sow_rfp_offers_currency", "currency ~ '^[A-Z]{3}$'");
                    table.CheckConstraint("ck_sow_rfp_offers_price", "price > 0");
                    table.ForeignKey(
                        name: "fk_sow_rfp_offers_people_submitted_by_id",
                        column: x => x.submitted_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_offers_sow_rfp_offers_supersedes_id",
                        column: x => x.supersedes_id,
                        principalTable: "sow_rfp_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_offers_sow_rfps_rfp_id",
                        column: x => x.rfp_id,
                        principalTable: "sow_rfps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_offers_statements_of_work_sow_id",
                        column: x => x.sow_id,
                        principalTable: "statements_of_work",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfp_questions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rfp_id = table.Column<int>(type: "integer", nullable: false),
                    asked_by_id = table.Column<int>(type: "integer", nullable: false),
                    question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    answered_by_id = table.Column<int>(type: "integer", nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfp_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sow_rfp_questions_people_answered_by_id",
                        column: x => x.answered_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_questions_people_asked_by_id",
                        column: x => x.asked_by_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_questions_sow_rfps_rfp_id",
                        column: x => x.rfp_id,
                        principalTable: "sow_rfps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sow_rfp_scores",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rfp_id = table.Column<int>(type: "integer", nullable: false),
                    offer_id = table.Column<int>(type: "integer", nullable: false),
                    scorer_id = table.Column<int>(type: "integer", nullable: false),
                    criterion_key = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    value = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    supersedes_id = table.Column<int>(type: "integer", nullable: true),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sow_rfp_scores", x => x.id);
                    table.CheckConstraint("ck_sow_rfp_scores_value", "value >= 0 AND value <= 10");
                    table.ForeignKey(
                        name: "fk_sow_rfp_scores_people_scorer_id",
                        column: x => x.scorer_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_scores_sow_rfp_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "sow_rfp_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_scores_sow_rfp_scores_supersedes_id",
                        column: x => x.supersedes_id,
                        principalTable: "sow_rfp_scores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sow_rfp_scores_sow_rfps_rfp_id",
                        column: x => x.rfp_id,
                        principalTable: "sow_rfps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounties_current",
                table: "sow_bounties",
                column: "sow_id",
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounties_set_by_id",
                table: "sow_bounties",
                column: "set_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounty_applications_bounty_id",
                table: "sow_bounty_applications",
                column: "bounty_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounty_applications_person_id",
                table: "sow_bounty_applications",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounty_applications_selected",
                table: "sow_bounty_applications",
                column: "sow_id",
                unique: true,
                filter: "selected_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounty_applications_selected_by_id",
                table: "sow_bounty_applications",
                column: "selected_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_bounty_applications_sow_id_person_id",
                table: "sow_bounty_applications",
                columns: new[] { "sow_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_conflicts_member_id",
                table: "sow_rfp_conflicts",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_conflicts_rfp_id_member_id_organisation",
                table: "sow_rfp_conflicts",
                columns: new[] { "rfp_id", "member_id", "organisation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_offers_current",
                table: "sow_rfp_offers",
                columns: new[] { "rfp_id", "submitted_by_id" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_offers_sow_id",
                table: "sow_rfp_offers",
                column: "sow_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_offers_submitted_by_id",
                table: "sow_rfp_offers",
                column: "submitted_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_offers_supersedes_id",
                table: "sow_rfp_offers",
                column: "supersedes_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_questions_answered_by_id",
                table: "sow_rfp_questions",
                column: "answered_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_questions_asked_by_id",
                table: "sow_rfp_questions",
                column: "asked_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_questions_rfp_id",
                table: "sow_rfp_questions",
                column: "rfp_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_scores_current",
                table: "sow_rfp_scores",
                columns: new[] { "offer_id", "scorer_id", "criterion_key" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_scores_rfp_id",
                table: "sow_rfp_scores",
                column: "rfp_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_scores_scorer_id",
                table: "sow_rfp_scores",
                column: "scorer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfp_scores_supersedes_id",
                table: "sow_rfp_scores",
                column: "supersedes_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfps_chosen_by_id",
                table: "sow_rfps",
                column: "chosen_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfps_opened_by_id",
                table: "sow_rfps",
                column: "opened_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_rfps_sow_id",
                table: "sow_rfps",
                column: "sow_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sow_volunteer_offers_assigned_by_id",
                table: "sow_volunteer_offers",
                column: "assigned_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_volunteer_offers_person_id",
                table: "sow_volunteer_offers",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_sow_volunteer_offers_sow_id_person_id",
                table: "sow_volunteer_offers",
                columns: new[] { "sow_id", "person_id" },
                unique: true);

            // Nothing is lost: offers, scores, bounty amounts, applications, volunteers and conflict
            // declarations are never deleted, and the money and score values of a row never change
            // (a revision or a changed score is a new row superseding the old one).
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_sourcing_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER sow_volunteer_offers_kept BEFORE DELETE OR TRUNCATE ON sow_volunteer_offers FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();
                CREATE TRIGGER sow_bounties_kept BEFORE DELETE OR TRUNCATE ON sow_bounties FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();
                CREATE TRIGGER sow_bounty_applications_kept BEFORE DELETE OR TRUNCATE ON sow_bounty_applications FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();
                CREATE TRIGGER sow_rfp_offers_kept BEFORE DELETE OR TRUNCATE ON sow_rfp_offers FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();
                CREATE TRIGGER sow_rfp_scores_kept BEFORE DELETE OR TRUNCATE ON sow_rfp_scores FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();
                CREATE TRIGGER sow_rfp_conflicts_kept BEFORE DELETE OR TRUNCATE ON sow_rfp_conflicts FOR EACH STATEMENT EXECUTE FUNCTION refuse_sourcing_delete();

                CREATE FUNCTION refuse_offer_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (NEW.price, NEW.currency, NEW.organisation, NEW.schedule, NEW.approach, NEW.attachments, NEW.submitted_by_id, NEW.rfp_id) IS DISTINCT FROM (OLD.price, OLD.currency, OLD.organisation, OLD.schedule, OLD.approach, OLD.attachments, OLD.submitted_by_id, OLD.rfp_id) THEN
                        RAISE EXCEPTION '% values are never overwritten: add a superseding row', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE FUNCTION refuse_score_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (NEW.value, NEW.note, NEW.offer_id, NEW.scorer_id, NEW.criterion_key) IS DISTINCT FROM (OLD.value, OLD.note, OLD.offer_id, OLD.scorer_id, OLD.criterion_key) THEN
                        RAISE EXCEPTION '% values are never overwritten: add a superseding row', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE FUNCTION refuse_bounty_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (NEW.amount, NEW.currency, NEW.sow_id) IS DISTINCT FROM (OLD.amount, OLD.currency, OLD.sow_id) THEN
                        RAISE EXCEPTION '% values are never overwritten: add a superseding row', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER sow_rfp_offers_not_rewritten BEFORE UPDATE ON sow_rfp_offers FOR EACH ROW EXECUTE FUNCTION refuse_offer_rewrite();
                CREATE TRIGGER sow_rfp_scores_not_rewritten BEFORE UPDATE ON sow_rfp_scores FOR EACH ROW EXECUTE FUNCTION refuse_score_rewrite();
                CREATE TRIGGER sow_bounties_not_rewritten BEFORE UPDATE ON sow_bounties FOR EACH ROW EXECUTE FUNCTION refuse_bounty_rewrite();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sow_rfp_offers_not_rewritten ON sow_rfp_offers;
                DROP TRIGGER sow_rfp_scores_not_rewritten ON sow_rfp_scores;
                DROP TRIGGER sow_bounties_not_rewritten ON sow_bounties;
                DROP FUNCTION refuse_offer_rewrite();
                DROP FUNCTION refuse_score_rewrite();
                DROP FUNCTION refuse_bounty_rewrite();
                DROP TRIGGER sow_volunteer_offers_kept ON sow_volunteer_offers;
                DROP TRIGGER sow_bounties_kept ON sow_bounties;
                DROP TRIGGER sow_bounty_applications_kept ON sow_bounty_applications;
                DROP TRIGGER sow_rfp_offers_kept ON sow_rfp_offers;
                DROP TRIGGER sow_rfp_scores_kept ON sow_rfp_scores;
                DROP TRIGGER sow_rfp_conflicts_kept ON sow_rfp_conflicts;
                DROP FUNCTION refuse_sourcing_delete();
                """);

            migrationBuilder.DropTable(
                name: "sow_bounty_applications");

            migrationBuilder.DropTable(
                name: "sow_rfp_conflicts");

            migrationBuilder.DropTable(
                name: "sow_rfp_criteria");

            migrationBuilder.DropTable(
                name: "sow_rfp_questions");

            migrationBuilder.DropTable(
                name: "sow_rfp_scores");

            migrationBuilder.DropTable(
                name: "sow_volunteer_offers");

            migrationBuilder.DropTable(
                name: "sow_bounties");

            migrationBuilder.DropTable(
                name: "sow_rfp_offers");

            migrationBuilder.DropTable(
                name: "sow_rfps");
        }
    }
}
