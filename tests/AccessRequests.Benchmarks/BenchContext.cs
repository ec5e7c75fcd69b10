using AccessRequests.Testing;

namespace AccessRequests.Benchmarks;

/// <summary>What a benchmark gets: the sizes of this run and the servers the runner started.</summary>
/// <param name="Smoke">Tiny sizes: only that the runner works (the test command runs this).</param>
/// <param name="Log">Where progress goes (the table is printed at the end).</param>
public sealed record BenchContext(bool Smoke, TextWriter Log)
{
    /// <summary>The full size, or the smoke size when <see cref="Smoke"/>.</summary>
    public int Size(int full, int smoke) => Smoke ? smoke : full;

    /// <summary>A new, empty PostgreSQL database on the runner's cluster (dropped on dispose).</summary>
    public Task<PostgresDatabase> NewDatabaseAsync(string prefix) => PostgresDatabase.CreateAsync(prefix);

    public TestRabbitMq Rabbit { get; } = TestRabbitMq.FromEnvironment();
}

/// <summary>One benchmark: runs, and answers its figures.</summary>
public interface IBenchmark
{
    string Name { get; }

    Task<IReadOnlyList<Figure>> RunAsync(BenchContext context);
}
