namespace AccessRequests.Domain.Duo;

public enum DuoTermKind
{
    /// <summary>Says what research the data may be used for (GRU, HMB, DS, POA, NRES); a dataset needs one.</summary>
    Permission,

    /// <summary>Adds a requirement or a limit to the permission (NCU, IRB, PUB, ...).</summary>
    Modifier,
}

/// <summary>One Data Use Ontology term, with the words the UI shows for it.</summary>
public sealed record DuoTerm(
    string Code,
    string Abbreviation,
    DuoTermKind Kind,
    string Label,
    string LabelDa,
    string Explanation);
