namespace AccessRequests.Domain.Tests;

/// <summary>Given(history) / When(command) / Then(events) or ThenRefused(kind, rule), for the application decider.</summary>
internal sealed class Spec
{
    private readonly ApplicationState state;

    private Spec(ApplicationState state) => this.state = state;

    public static Spec Given(params ApplicationEvent[] history) =>
        new(history.Aggregate(ApplicationState.Initial, ApplicationEvolver.Evolve));

    public Decision When(ApplicationCommand command) => new(state, command);

    internal sealed class Decision(ApplicationState state, ApplicationCommand command)
    {
        public IReadOnlyList<ApplicationEvent> Events() => ApplicationDecider.Decide(command, state);

        public void Then(params ApplicationEvent[] expected) => Canonical.Of(Events()).ShouldBe(Canonical.Of(expected));

        /// <summary>The command is accepted and changes nothing: a repeat.</summary>
        public void ThenNothingHappens() => Then();

        public DomainException ThenRefused(DomainErrorKind kind, string rule)
        {
            var error = Should.Throw<DomainException>(() => Events());
            error.ShouldSatisfyAllConditions(
                () => error.Rule.ShouldBe(rule),
                () => error.Kind.ShouldBe(kind));
            return error;
        }
    }
}
