namespace AccessRequests.Web.Auth;

/// <summary>The people of the embedded demo: one of every role, so a newcomer can walk an application through.</summary>
/// <param name="Id">The user id (the token's <c>sub</c>).</param>
/// <param name="Name">The name shown.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Description">Who they are in the demo.</param>
/// <param name="ScopedAffiliation">The WAYF <c>eduPersonScopedAffiliation</c> their sign-in carries, if any.</param>
/// <param name="MachineClient">A client of its own (a provisioning worker): its tokens carry its client id and the grants scope.</param>
public sealed record DemoUser(string Id, string Name, string Email, string Description, string? ScopedAffiliation, bool MachineClient = false)
{
    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("researcher", "Rikke Jensen", "rikke.jensen@ku.dk", "Researcher at the University of Copenhagen", "member@ku.dk"),
        new("co-applicant", "Carl Nielsen", "carl.nielsen@au.dk", "Co-applicant at Aarhus University", "staff@au.dk"),
        new("other-researcher", "Ola Hansen", "ola.hansen@example.org", "Researcher without a Danish affiliation", null),
        new("steward", "Sofie Steward", "sofie.steward@ngc.dk", "Data steward at the national genome centre", "employee@ngc.dk"),
        new("dac-chair", "Christian Holm", "christian.holm@rh.dk", "Chair of the NGC Data Access Committee", "employee@regionh.dk"),
        new("dac-member-1", "Mette Lund", "mette.lund@sdu.dk", "Member of the NGC Data Access Committee", "faculty@sdu.dk"),
        new("dac-member-2", "Mads Berg", "mads.berg@dtu.dk", "Member of the NGC Data Access Committee", "faculty@dtu.dk"),
        new("admin", "Anna Admin", "anna.admin@ngc.dk", "Administrator", "employee@ngc.dk"),
        new("provisioning-ngc-hpc", "NGC HPC provisioning", "hpc-ops@ngc.dk", "Machine client of the ngc-hpc provisioning worker: reads grants and visas", null, MachineClient: true),
    ];

    /// <summary>What the development issuer says of the user, in a token or in a demo browser session alike.</summary>
    public IReadOnlyDictionary<string, string> Claims()
    {
        var claims = new Dictionary<string, string> { ["sub"] = Id, ["name"] = Name, ["email"] = Email };
        if (MachineClient)
        {
            claims["client_id"] = Id;
            claims["scope"] = Actors.GrantsReadScope;
        }
        if (ScopedAffiliation is not null)
        {
            claims["eduPersonScopedAffiliation"] = ScopedAffiliation;
            claims["schacHomeOrganization"] = ScopedAffiliation.Split('@')[1];
        }
        return claims;
    }

    public static DemoUser? Find(string id) => All.FirstOrDefault(u => u.Id == id);
}
