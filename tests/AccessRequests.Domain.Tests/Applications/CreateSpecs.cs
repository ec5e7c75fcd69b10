using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class CreateSpecs
{
    [Fact]
    public void creating_records_the_new_id_the_applicant_and_the_datasets() =>
        Spec.Given()
            .When(Commands.Create(Applicant, Wgs, CancerRegistry))
            .Then(new ApplicationEvent.Created("applicant", Now, TheApplicationId, "Ada Applicant", "ada@ku.dk", [Wgs, CancerRegistry], null));

    [Fact]
    public void a_dataset_asked_for_twice_is_recorded_once() =>
        Spec.Given()
            .When(Commands.Create(Applicant, Wgs, CancerRegistry, Wgs))
            .Then(new ApplicationEvent.Created("applicant", Now, TheApplicationId, "Ada Applicant", "ada@ku.dk", [Wgs, CancerRegistry], null));

    [Fact]
    public void creating_an_application_that_exists_is_refused() =>
        Spec.Given(History.Created())
            .When(Commands.Create(Applicant, Wgs))
            .ThenRefused(Conflict, "application.exists");

    [Fact]
    public void creating_an_application_without_datasets_is_refused() =>
        Spec.Given()
            .When(Commands.Create(Applicant))
            .ThenRefused(Conflict, "application.datasets-required");
}
