namespace AccessRequests.Web.Ui.Shared.Application;

/// <summary>A workflow step's type in the reader's words, as the progress, the inbox and the review page name it.</summary>
public static class StepWords
{
    public static string StepName(Texts L, string type) => type switch
    {
        "ethics-approval" => L["Research-ethics approval"],
        "institution-affiliation" => L["Danish research institution"],
        "duo-match" => L["Research purpose fits the data use terms"],
        "dac-review" => L["Data Access Committee review"],
        "terms-accepted" => L["Terms of use accepted"],
        _ => type,
    };
}
