namespace IwgPortal.Web.Hosting.Auth;

/// <summary>GitHub OAuth app settings. The endpoints are settings so tests can use a fake GitHub.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string AuthorizationEndpoint { get; set; } = "https://github.com/login/oauth/authorize";

    public string TokenEndpoint { get; set; } = "https://github.com/login/oauth/access_token";

    public string UserInformationEndpoint { get; set; } = "https://api.github.com/user";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
