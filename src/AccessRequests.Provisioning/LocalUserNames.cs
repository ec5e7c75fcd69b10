using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AccessRequests.Provisioning;

/// <summary>
/// Maps the service's user ids to local POSIX users. Only names of the portable form reach a command line,
/// so a user id such as <c>alice@ku.dk</c> or <c>-R</c> is refused unless it is mapped.
/// </summary>
public static partial class LocalUserNames
{
    public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && Pattern().IsMatch(name);

    public static bool TryMap(string userId, IReadOnlyDictionary<string, string> map, [NotNullWhen(true)] out string? localUser)
    {
        localUser = map.TryGetValue(userId, out var mapped) ? mapped : userId;
        if (IsValid(localUser)) return true;
        localUser = null;
        return false;
    }

    // \z, not $: $ would accept a trailing newline.
    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}\z")]
    private static partial Regex Pattern();
}

/// <summary>Dataset ids become folder names: no separators, no leading dot or dash.</summary>
public static partial class DatasetIds
{
    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z")]
    private static partial Regex Pattern();
}
