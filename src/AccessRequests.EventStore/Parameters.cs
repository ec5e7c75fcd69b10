using Dapper;

namespace AccessRequests.EventStore;

internal static class Parameters
{
    /// <summary>
    /// Adds one parameter per value and returns "(@name0, @name1, ...)". Dapper's own IN expansion is not used:
    /// with Npgsql it binds an array instead, which IN does not take.
    /// </summary>
    public static string InList<T>(this DynamicParameters parameters, string name, IEnumerable<T> values)
    {
        var names = values.Select((value, i) =>
        {
            parameters.Add($"{name}{i}", value);
            return $"@{name}{i}";
        }).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("An IN list needs at least one value.", nameof(values));
        }
        return $"({string.Join(", ", names)})";
    }
}
