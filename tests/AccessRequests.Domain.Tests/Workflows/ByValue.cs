using System.Text.Json;

namespace AccessRequests.Domain.Tests.Workflows;

internal static class ByValue
{
    /// <summary>Compares records holding lists by their values (record equality compares lists by reference).</summary>
    public static void ShouldBeByValue<T>(this T actual, T expected) =>
        JsonSerializer.Serialize(actual).ShouldBe(JsonSerializer.Serialize(expected));
}
