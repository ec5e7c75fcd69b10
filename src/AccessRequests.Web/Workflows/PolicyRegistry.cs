using System.Text.Json;
using AccessRequests.Domain.Policies;

namespace AccessRequests.Web.Workflows;

/// <summary>The ethics committees and the Danish research-institution registry, shipped as data files.</summary>
public sealed class PolicyRegistry(IReadOnlyList<EthicsCommittee> committees, IReadOnlyList<Institution> institutions)
{
    public IReadOnlyList<EthicsCommittee> Committees { get; } = committees;
    public IReadOnlyList<Institution> Institutions { get; } = institutions;

    public static PolicyRegistry Load(string directory) => new(
        Read<List<EthicsCommittee>>(Path.Combine(directory, "ethics-committees.json")),
        Read<List<Institution>>(Path.Combine(directory, "institutions.json")));

    public EthicsCommittee? Committee(string id) => Committees.FirstOrDefault(c => c.Id == id);

    /// <summary>An institution by registry id or by one of its domains.</summary>
    public Institution? Institution(string idOrDomain) =>
        Institutions.FirstOrDefault(i => i.Id == idOrDomain) ?? Institutions.FirstOrDefault(i => i.Owns(idOrDomain));

    private static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"{path} is empty.");
}
