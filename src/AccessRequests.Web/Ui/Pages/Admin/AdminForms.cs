using System.Text.RegularExpressions;

namespace AccessRequests.Web.Ui.Pages.Admin;

/// <summary>Repeating rows of the administration forms, named as the API's request fields (<c>terms[0].id</c>).</summary>
public static partial class AdminForms
{
    /// <summary>The prefixes (<c>terms[0]</c>, <c>terms[1]</c>, ...) of the rows the form posted under <paramref name="list"/>, in their order.</summary>
    public static IEnumerable<string> Rows(IFormCollection form, string list) =>
        form.Keys
            .Select(k => k.StartsWith(list + "[", StringComparison.Ordinal) ? RowIndex().Match(k[(list.Length + 1)..]) : Match.Empty)
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .Order()
            .Select(i => $"{list}[{i}]");

    /// <summary>Whether every one of the row's <paramref name="fields"/> is empty (an unused row).</summary>
    public static bool AllBlank(IFormCollection form, string row, params string[] fields) =>
        fields.All(f => string.IsNullOrWhiteSpace(form[$"{row}.{f}"].ToString()));

    /// <summary>aria-invalid="true" where the field has errors, else no attribute (a bare aria-invalid would mean false).</summary>
    public static string? Invalid(UiResult? result, string field) => result?.ErrorsFor(field).Any() == true ? "true" : null;

    [GeneratedRegex(@"^(\d{1,3})\]\.")]
    private static partial Regex RowIndex();
}
