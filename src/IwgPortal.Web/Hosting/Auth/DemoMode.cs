namespace IwgPortal.Web.Hosting.Auth;

/// <summary>
/// Demo data and "sign in as" for a developer's machine. It cannot be switched on in Production,
/// whatever the configuration says.
/// </summary>
public sealed class DemoMode(bool isEnabled)
{
    public bool IsEnabled { get; } = isEnabled;

    public static DemoMode From(IConfiguration configuration, IHostEnvironment environment, bool embeddedDatabase)
    {
        var wanted = configuration.GetValue<bool?>("Demo:Enabled") ?? embeddedDatabase;
        return new DemoMode(wanted && !environment.IsProduction());
    }
}
