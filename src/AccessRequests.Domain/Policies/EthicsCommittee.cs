using System.Text.RegularExpressions;

namespace AccessRequests.Domain.Policies;

/// <summary>A Danish research-ethics committee (NVK or a regional one) and the shape of its case numbers.</summary>
public sealed record EthicsCommittee(string Id, string Name, string CaseNumberPattern, string CaseNumberExample)
{
    public bool IsValidCaseNumber(string caseNumber) =>
        Regex.IsMatch(caseNumber.Trim(), CaseNumberPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
