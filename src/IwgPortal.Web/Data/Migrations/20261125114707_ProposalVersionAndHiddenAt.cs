using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IwgPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposalVersionAndHiddenAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "proposals");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "proposals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hidden_at",
                table: "comments",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "hidden_at",
                table: "comments");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "proposals",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }
    }
}
