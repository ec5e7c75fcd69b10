namespace AccessRequests.Domain.Tests;

/// <summary>The people in every specification. Nobody here is special except through the roles shown.</summary>
internal static class Actors
{
    public static readonly Actor Applicant = new("applicant", "Ada Applicant", "ada@ku.dk", Roles());
    public static readonly Actor TeamMember = new("member", "Mia Member", "mia@au.dk", Roles());
    public static readonly Actor Invitee = new("invitee", "Ian Invitee", "ian@sdu.dk", Roles());
    public static readonly Actor Steward = new("steward", "Sten Steward", "sten@ngc.dk", Roles(Role.Steward));
    public static readonly Actor Auditor = new("auditor", "Aud Auditor", "aud@ngc.dk", Roles(Role.Auditor));
    public static readonly Actor Admin = new("admin", "Adam Admin", "adam@ngc.dk", Roles(Role.Admin));
    public static readonly Actor Stranger = new("stranger", "Sam Stranger", "sam@dtu.dk", Roles());

    // DAC roles come from the DAC rosters in Fixed, not from service roles.
    public static readonly Actor NgcChair = new("ngc-chair", "Nina Chair", "nina@ngc.dk", Roles());
    public static readonly Actor NgcReviewer1 = new("ngc-1", "Niels Reviewer", "niels@ngc.dk", Roles());
    public static readonly Actor NgcReviewer2 = new("ngc-2", "Nora Reviewer", "nora@ngc.dk", Roles());
    public static readonly Actor RhChair = new("rh-chair", "Rasmus Chair", "rasmus@regionh.dk", Roles());
    public static readonly Actor RhReviewer = new("rh-1", "Rikke Reviewer", "rikke@regionh.dk", Roles());

    private static HashSet<string> Roles(params string[] roles) => [.. roles];
}
