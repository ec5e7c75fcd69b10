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

    private static HashSet<string> Roles(params string[] roles) => [.. roles];
}
