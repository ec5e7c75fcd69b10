using AccessRequests.Domain.Policies;

namespace AccessRequests.Domain.Tests.Policies;

public class AffiliationRulesSpecs
{
    private static readonly Institution[] Registry = [new("ku", "Københavns Universitet", ["ku.dk"]), new("au", "Aarhus Universitet", ["au.dk"])];
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static AffiliationEvidence Claim(string type, string value) => new("https://issuer.example", type, value, At);

    [Theory]
    [InlineData("eduPersonScopedAffiliation", "member@ku.dk", "ku")]
    [InlineData("eduPersonScopedAffiliation", "staff@sund.ku.dk", "ku")]
    [InlineData("voperson_external_affiliation", "faculty@au.dk", "au")]
    public void a_member_of_a_registered_institution_matches_under_wayf_or_ls_aai_names(string type, string value, string institution) =>
        AffiliationRules.Match([Claim(type, value)], Registry, AffiliationRules.DefaultAccepted)!.Value.Institution.Id.ShouldBe(institution);

    [Theory]
    [InlineData("eduPersonScopedAffiliation", "student@ku.dk")]
    [InlineData("eduPersonScopedAffiliation", "member@evilku.dk")]
    [InlineData("eduPersonScopedAffiliation", "member@example.org")]
    [InlineData("schacHomeOrganization", "ku.dk")]
    [InlineData("eduPersonScopedAffiliation", "not-scoped")]
    public void other_roles_domains_or_claims_do_not_match(string type, string value) =>
        AffiliationRules.Match([Claim(type, value)], Registry, AffiliationRules.DefaultAccepted).ShouldBeNull();
}
