namespace AccessRequests.EventStore;

/// <summary>
/// A durable timer: fires at <see cref="DueAt"/> for the stream it belongs to. The caller chooses the
/// <see cref="Id"/> ("deadline:application-&lt;guid&gt;"), so there is at most one timer of a kind per stream and
/// scheduling it again moves it. <see cref="Payload"/> is JSON text.
/// </summary>
public sealed record ScheduledTimer(string Id, string StreamId, string Kind, DateTimeOffset DueAt, string Payload);
