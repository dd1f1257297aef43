namespace IwgPortal.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{field} must be at most {maxLength} characters.");
        }

        return NoControlCharacters(trimmed, field);
    }

    /// <summary>Tabs and line breaks are text; other control characters (NUL above all) are not.</summary>
    public static string NoControlCharacters(string text, string field) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? throw new DomainException($"{field} contains control characters; remove them and try again.")
            : text;

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException($"{field} must be at most {maxLength} characters.")
            : NoControlCharacters(trimmed, field);
    }

    public static Uri? OptionalHttpUrl(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DomainException($"{field} must be an absolute http(s) URL.");
        }

        return uri;
    }
}
