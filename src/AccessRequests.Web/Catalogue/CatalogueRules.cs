using FluentValidation;

namespace AccessRequests.Web.Catalogue;

/// <summary>Rules shared by catalogue validators.</summary>
public static class CatalogueRules
{
    /// <summary>Stable identifiers: lower case, digits and dashes, as used in URLs and visas.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    public const string DuoPattern = @"^DUO:\d{7}$";

    public static IRuleBuilderOptions<T, string> ValidId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(IdPattern).WithMessage("Use 1-63 lower-case letters, digits and dashes, starting with a letter or digit.");
}
