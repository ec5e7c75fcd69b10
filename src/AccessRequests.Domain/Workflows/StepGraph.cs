namespace AccessRequests.Domain.Workflows;

/// <summary>Checks the steps together: unique ids, one step per type, <c>after</c> naming real steps, no cycles.</summary>
internal static class StepGraph
{
    public static void Check(IReadOnlyList<(string? Id, string? Type, List<string> After, JsonFields Fields)> steps)
    {
        var firstById = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByType = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var (id, type, _, fields) = steps[i];
            if (id is null)
                continue;
            if (!firstById.TryAdd(id, i))
                fields.Problem("id", $"duplicate step id \"{id}\" ({steps[firstById[id]].Fields.Path} has it too)");
            else if (type is not null && !firstByType.TryAdd(type, id))
                fields.Problem("type", $"step \"{firstByType[type]}\" is already the {type}; a workflow has at most one step of each type");
        }

        var names = string.Join(", ", firstById.Keys);
        foreach (var (id, _, after, fields) in steps)
        {
            foreach (var name in after.Where(n => !firstById.ContainsKey(n)).Distinct())
                fields.Problem("after", $"\"after\" names \"{name}\", which is not a step in this workflow (steps: {names})");
            foreach (var name in after.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
                fields.Problem("after", $"\"after\" names \"{name}\" more than once");
        }

        foreach (var cycle in Cycles(firstById.Keys.ToList(), id => steps[firstById[id]].After.Where(firstById.ContainsKey)))
        {
            var fields = steps[firstById[cycle[0]]].Fields;
            var path = string.Join(" → ", cycle.Append(cycle[0]));
            fields.ProblemHere(cycle.Count == 1
                ? $"\"after\" names the step itself: {path}"
                : $"steps {string.Join(", ", cycle.Select(s => $"\"{s}\""))} wait for each other in a cycle: {path} (each waits for the next)");
        }
    }

    /// <summary>One cycle per back edge found by a depth-first walk, each listed from its earliest step in the file.</summary>
    private static List<List<string>> Cycles(List<string> ids, Func<string, IEnumerable<string>> after)
    {
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var state = new Dictionary<string, int>(); // missing: unvisited, 1: on the path, 2: done
        var path = new List<string>();
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>();

        void Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var next in after(id))
            {
                if (!state.TryGetValue(next, out var s))
                {
                    Visit(next);
                }
                else if (s == 1)
                {
                    // path runs next ... id and id waits for next: the cycle, in "waits for" order.
                    var cycle = path.Skip(path.IndexOf(next)).ToList();
                    var start = cycle.IndexOf(cycle.MinBy(c => order[c])!);
                    cycle = [.. cycle.Skip(start), .. cycle.Take(start)];
                    if (seen.Add(string.Join("\n", cycle)))
                        cycles.Add(cycle);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
        }

        foreach (var id in ids.Where(id => !state.ContainsKey(id)))
            Visit(id);
        return cycles;
    }
}
