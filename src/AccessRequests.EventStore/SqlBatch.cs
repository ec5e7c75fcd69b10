using System.Data.Common;

namespace AccessRequests.EventStore;

/// <summary>
/// Statements sent together: as few commands as the parameter budget allows, each command one round trip. Write a
/// statement's values with <see cref="Param"/> (which gives the placeholder to put in its text), then its text with
/// <see cref="Add"/>; a placeholder belongs to its statement only. How a command is sent is the dialect's
/// (PostgreSQL: a batch with numbered parameters, which the driver neither parses nor rewrites).
/// </summary>
internal sealed class SqlBatch(SqlDialect dialect)
{
    private readonly List<List<SqlStatement>> commands = [];
    private List<(string Name, object? Value)> pending = [];
    private int parametersInLastCommand;
    private int named;

    /// <summary>How many commands (round trips) the statements added so far take.</summary>
    public int Commands => commands.Count;

    /// <summary>Binds a value for the statement being written and returns its placeholder.</summary>
    public string Param(object? value)
    {
        var name = dialect.NumbersParameters ? $"${pending.Count + 1}" : $"@p{named++}";
        pending.Add((name, value));
        return name;
    }

    /// <summary>Ends the statement being written: its text, using the placeholders <see cref="Param"/> gave since the last one.</summary>
    public void Add(string sql)
    {
        if (commands.Count == 0 || parametersInLastCommand + pending.Count > dialect.ParametersPerCommand)
        {
            commands.Add([]);
            parametersInLastCommand = 0;
        }
        commands[^1].Add(new SqlStatement(sql, pending));
        parametersInLastCommand += pending.Count;
        pending = [];
    }

    /// <summary>Runs the commands in order (in the caller's transaction, if any) and forgets them.</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            await dialect.ExecuteAsync(connection, transaction, command, ct);
        }
        commands.Clear();
    }
}

/// <summary>One statement's text and its values, named (or numbered) as its text refers to them.</summary>
internal sealed record SqlStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
