namespace AccessRequests.Domain.Workflows;

/// <summary>Reads a step's <c>settings</c> for its type; every setting has a default, so <c>settings</c> may be left out.</summary>
internal static class StepSettingsReader
{
    // eduPersonAffiliation's controlled vocabulary (eduPerson 2020-01); anything else is a typo.
    private static readonly string[] EduPersonAffiliations =
        ["faculty", "student", "staff", "alum", "member", "affiliate", "employee", "library-walk-in"];

    private static readonly Dictionary<string, string[]> Keys = new()
    {
        [StepTypes.EthicsApproval] = ["minRemainingValidityDays"],
        [StepTypes.InstitutionAffiliation] = ["automaticFromFederatedClaims", "acceptedAffiliations"],
        [StepTypes.DuoMatch] = [],
        [StepTypes.DacReview] = ["approvalsRequired", "chairDecides"],
        [StepTypes.TermsAccepted] = [],
    };

    public static StepSettings? Read(string type, JsonFields step)
    {
        var fields = step.Object("settings", required: false, newNoun: "setting ");
        var known = Keys[type];
        fields?.OnlyKeys(known, known.Length == 0
            ? $"{type} has no settings, but \"{{0}}\" is given"
            : $"unknown setting \"{{0}}\" for {type} (known: {string.Join(", ", known)})");

        return type switch
        {
            StepTypes.EthicsApproval => EthicsApproval(fields),
            StepTypes.InstitutionAffiliation => InstitutionAffiliation(fields),
            StepTypes.DuoMatch => new StepSettings.DuoMatch(),
            StepTypes.DacReview => DacReview(fields),
            StepTypes.TermsAccepted => new StepSettings.TermsAccepted(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "the step reader checks the type first"),
        };
    }

    private static StepSettings EthicsApproval(JsonFields? fields) =>
        new StepSettings.EthicsApproval(fields?.Int("minRemainingValidityDays", required: false, min: 0, max: 3650) ?? 0);

    private static StepSettings InstitutionAffiliation(JsonFields? fields)
    {
        var automatic = fields?.Bool("automaticFromFederatedClaims", required: false) ?? false;
        var accepted = fields?.Strings("acceptedAffiliations", required: false);
        if (accepted is { Count: 0 })
            fields!.Problem("acceptedAffiliations", "setting \"acceptedAffiliations\" is empty; leave it out for the default");
        foreach (var value in accepted?.Where(a => !EduPersonAffiliations.Contains(a)) ?? [])
        {
            fields!.Problem("acceptedAffiliations",
                $"setting \"acceptedAffiliations\" has \"{value}\", which is not an eduPersonAffiliation ({string.Join(", ", EduPersonAffiliations)})");
        }

        return new StepSettings.InstitutionAffiliation(automatic, accepted ?? StepSettings.InstitutionAffiliation.DefaultAffiliations);
    }

    private static StepSettings DacReview(JsonFields? fields) =>
        new StepSettings.DacReview(
            fields?.Int("approvalsRequired", required: false, min: 1, max: 100) ?? 1,
            fields?.Bool("chairDecides", required: false) ?? true);
}
