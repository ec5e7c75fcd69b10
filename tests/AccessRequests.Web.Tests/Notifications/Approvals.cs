namespace AccessRequests.Web.Tests.Notifications;

/// <summary>An application taken to its approval through the API, by the demo's people.</summary>
public static class Approvals
{
    /// <summary>
    /// Submits an application titled <paramref name="title"/> (with Carl Nielsen as co-applicant when asked), has the
    /// steward verify the ethics approval, both members vote for it and the chair approve it until <paramref name="ends"/>.
    /// Every client is signed in before anything is done (a test may move the clock afterwards).
    /// </summary>
    public static async Task<Guid> ApprovedAsync(ServiceFactory service, string title, DateOnly ends, bool withCoApplicant = false)
    {
        var researcher = await service.ClientFor("researcher");
        var coApplicant = await service.ClientFor("co-applicant");
        var steward = await service.ClientFor("steward");
        var members = new[] { await service.ClientFor("dac-member-1"), await service.ClientFor("dac-member-2") };
        var chair = await service.ClientFor("dac-chair");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft(title)).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        if (withCoApplicant)
        {
            var token = (await researcher.Command(id, "invite-member", new { email = DemoAddresses.CoApplicant, name = "Carl Nielsen" }).Ok())
                .GetProperty("invitationToken").GetString();
            await coApplicant.Command(id, "accept-invitation", new { token }).Ok();
            await coApplicant.Command(id, "accept-terms").Ok();
        }
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await steward.Command(id, "verify-ethics", new { comment = "Checked." }).Ok();
        foreach (var member in members)
        {
            await member.Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil = ends }).Ok();
        return id;
    }
}
