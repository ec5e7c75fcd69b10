using System.Net.Sockets;
using AccessRequests.Web.Http;
using Npgsql;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>Which exceptions the service answers 503 for: a database that cannot be reached, and nothing else.</summary>
public sealed class StoreUnavailableRule
{
    [Fact]
    public void a_refused_connection_is_unavailability() =>
        StoreUnavailable.IsUnavailable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();

    [Fact]
    public void a_wrapped_socket_failure_is_unavailability() =>
        StoreUnavailable.IsUnavailable(new InvalidOperationException("outer", new SocketException((int)SocketError.ConnectionReset))).ShouldBeTrue();

    [Fact]
    public void a_bug_stays_a_bug() =>
        StoreUnavailable.IsUnavailable(new InvalidOperationException("Sequence contains no elements")).ShouldBeFalse();

    [Fact]
    public void a_bad_query_is_not_unavailability() =>
        StoreUnavailable.IsUnavailable(new NpgsqlException("syntax error at or near \"SELEC\"")).ShouldBeFalse();
}
