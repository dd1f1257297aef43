using IwgPortal.Domain.Common;
using IwgPortal.Domain.Services;

namespace IwgPortal.Domain.Tests.Services;

public class InfrastructureServiceTests
{
    [Fact]
    public void The_catalogue_knows_the_ten_kinds_of_the_founding_proposal()
    {
        Enum.GetValues<ServiceKind>().Length.ShouldBe(10);
        Enum.GetValues<ServiceKind>().Select(k => k.Display()).ShouldBeUnique();
    }

    [Fact]
    public void Updating_trims_and_keeps_the_slug()
    {
        var service = new InfrastructureService("forum", ServiceKind.Forum, "Forum", "Talk", "Volunteers", null);

        service.Update(ServiceKind.Forum, "  Discourse forum ", "The forum.", " Acme Ops ", "https://docs.example.org/forum");

        service.Slug.ShouldBe("forum");
        service.Name.ShouldBe("Discourse forum");
        service.Operator.ShouldBe("Acme Ops");
        service.DocumentationUrl.ShouldBe(new Uri("https://docs.example.org/forum"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org")]
    [InlineData("not a url")]
    public void Documentation_links_are_http_only(string url)
    {
        var service = new InfrastructureService("forum", ServiceKind.Forum, "Forum", "Talk", "Volunteers", null);
        Should.Throw<DomainException>(() => service.Update(ServiceKind.Forum, "Forum", "Talk", "Volunteers", url));
    }

    [Theory]
    [InlineData("Forum")]
    [InlineData("-forum")]
    [InlineData("for um")]
    [InlineData("")]
    public void A_slug_is_lower_case_words_and_dashes(string slug) =>
        Should.Throw<DomainException>(() => new InfrastructureService(slug, ServiceKind.Forum, "Forum", "Talk", "Volunteers", null));

    [Fact]
    public void Required_fields_are_required()
    {
        var service = new InfrastructureService("chat", ServiceKind.Chat, "Chat", "Talk", "Volunteers", null);
        Should.Throw<DomainException>(() => service.Update(ServiceKind.Chat, "", "Talk", "Volunteers", null));
        Should.Throw<DomainException>(() => service.Update(ServiceKind.Chat, "Chat", "Talk", "", null));
        Should.Throw<DomainException>(() => service.Update((ServiceKind)99, "Chat", "Talk", "Volunteers", null));
    }
}
