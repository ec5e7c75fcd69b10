using AccessRequests.Domain.Applications;

namespace AccessRequests.Domain.Catalogue;

/// <summary>A controlled dataset as the catalogue describes it: where it lives, who decides on it, what applying takes.</summary>
public sealed record Dataset(
    string Id,
    string Title,
    string Description,
    string Location,
    string DacId,
    string WorkflowId,
    IReadOnlyList<string> DuoCodes,
    IReadOnlyList<TermsDocument> Terms,
    DatasetForm Form,
    string? Disease = null)
{
    public IEnumerable<TermsVersion> CurrentTerms => Terms.Select(t => new TermsVersion(Id, t.Id, t.Version));
}

/// <summary>A terms-of-use document; a new version of it must be accepted anew.</summary>
public sealed record TermsDocument(string Id, string Version, string? Text, string? Url);

public sealed record DatasetForm(IReadOnlyList<FormField> Fields);

public sealed record FormField(string Id, string Label, string Type, bool Required)
{
    public static readonly IReadOnlyList<string> Types = ["text", "textarea", "checkbox", "date", "number", "email", "url"];
}
