using System.Text.RegularExpressions;

namespace AccessRequests.Provisioning;

/// <summary>A program and its arguments, run directly (never through a shell).</summary>
public sealed partial record HostCommand(string Program, IReadOnlyList<string> Arguments)
{
    public HostCommand(string program, params string[] arguments) : this(program, (IReadOnlyList<string>)arguments) { }

    /// <summary>The command as a POSIX shell would need it typed: what dry-run prints and logs show.</summary>
    public override string ToString() => string.Join(' ', new[] { Program }.Concat(Arguments).Select(Quote));

    public bool Equals(HostCommand? other) =>
        other is not null && Program == other.Program && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Program, Arguments.Count);

    private static string Quote(string word) =>
        word.Length > 0 && Plain().IsMatch(word) ? word : "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:@%+=,-]+\z")]
    private static partial Regex Plain();
}
