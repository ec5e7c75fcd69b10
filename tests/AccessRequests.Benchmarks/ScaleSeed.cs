using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using Npgsql;
using NpgsqlTypes;

namespace AccessRequests.Benchmarks;

/// <summary>
/// Fills a database the way years of use would: the service itself (in-process, demo catalogue) runs a few template
/// applications through their commands over HTTP, so their events and read-model rows are exactly what the product
/// writes; then each template is copied many times with every id in it (application, event, comment, grant... ids)
/// replaced by a fresh one, by binary COPY into the product's tables (streams, events, applications,
/// application_participants, timers, grants), committed every few thousand applications.
/// </summary>
internal sealed partial class ScaleSeed
{
    private const int EventsPerApplication = 10;

    /// <summary>Templates by share of the applications (per hundred): most finished, some waiting on stewards or the DAC.</summary>
    private static readonly (string Name, int Share)[] Mix =
    [
        ("draft", 30), ("waiting-steward", 5), ("waiting-dac", 3), ("approved", 40), ("rejected", 10), ("withdrawn", 12),
    ];

    private readonly List<Template> templates = [];

    public Guid Big { get; private set; }

    public int BigEvents { get; private set; }

    public long Applications { get; private set; }

    public long Events { get; private set; }

    public string Report { get; private set; } = "";

    /// <summary>Runs the templates (and the one application with <paramref name="bigEvents"/> events) through the service.</summary>
    public async Task MakeTemplatesAsync(BenchService service, int bigEvents, TextWriter log)
    {
        var researcher = await service.ClientFor("researcher");
        var steward = await service.ClientFor("steward");
        var member1 = await service.ClientFor("dac-member-1");
        var member2 = await service.ClientFor("dac-member-2");
        var chair = await service.ClientFor("dac-chair");

        async Task<Guid> Submitted(int comments)
        {
            var id = await Draft(researcher, comments);
            await Command(researcher, id, "accept-terms");
            await Command(researcher, id, "submit");
            return id;
        }

        var ids = new Dictionary<string, Guid>
        {
            ["draft"] = await Draft(researcher, 4),
            ["waiting-steward"] = await Submitted(2),
        };
        var dac = await Submitted(0);
        await Command(steward, dac, "assign", new { stepId = "ethics" });
        await Command(steward, dac, "verify-ethics", new { comment = "Case number checked with the committee." });
        await Command(member1, dac, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Sound project." });
        ids["waiting-dac"] = dac;

        var approved = await Submitted(0);
        await Command(steward, approved, "verify-ethics", new { comment = "Checked." });
        await Command(member1, approved, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Fine." });
        await Command(member2, approved, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Fine." });
        await Command(chair, approved, "decide", new
        {
            dacId = "ngc-dac", decision = "approve", validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300)),
            conditions = new[] { "Report publications to the NGC." },
        });
        ids["approved"] = approved;

        var rejected = await Submitted(1);
        await Command(steward, rejected, "reject-ethics", new { reason = "The approval covers another project." });
        ids["rejected"] = rejected;

        var withdrawn = await Submitted(2);
        await Command(researcher, withdrawn, "withdraw", new { reason = "Found the data elsewhere." });
        ids["withdrawn"] = withdrawn;

        // The one long history: submitted and waiting on the stewards, with a long exchange of comments.
        Big = await Submitted(0);
        var version = await VersionOf(researcher, Big);
        for (var i = 0; version < bigEvents; i++)
        {
            version = i % 2 == 0
                ? await Command(researcher, Big, "comment", new { text = $"Question {i}: could you say more about the cohort's consent?", visibility = "public" })
                : await Command(steward, Big, "comment", new { text = $"Note {i}: waiting for the committee's answer.", visibility = "internal" });
        }
        BigEvents = (int)version;

        var store = (IEventStore)service.Services.GetService(typeof(IEventStore))!;
        foreach (var (name, _) in Mix)
        {
            var template = await Template.ReadAsync(store, name, ids[name]);
            templates.Add(template);
            log.WriteLine($"   template {name}: {template.Events.Count} events, {template.Row.Participants.Count} participant rows, {template.Timers.Count} timers, {template.Grants.Count} grants");
        }
    }

    /// <summary>Copies the templates until there are <paramref name="applications"/> applications in all.</summary>
    public async Task CopyAsync(string connectionString, int applications, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var copies = applications - templates.Count - 1;
        var schedule = Mix.SelectMany((m, t) => Enumerable.Repeat(t, m.Share)).ToArray();
        var renderTime = TimeSpan.Zero;
        var copyTime = TimeSpan.Zero;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        const int Chunk = 5_000;
        for (var first = 0; first < copies; first += Chunk)
        {
            var rendering = Stopwatch.StartNew();
            var batch = new Batch();
            for (var i = first; i < Math.Min(copies, first + Chunk); i++)
            {
                templates[schedule[i % schedule.Length]].Render(batch);
            }
            renderTime += rendering.Elapsed;

            var copying = Stopwatch.StartNew();
            await using (var connection = await dataSource.OpenConnectionAsync())
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await batch.CopyAsync(connection);
                await transaction.CommitAsync();
            }
            copyTime += copying.Elapsed;
            Events += batch.Events.Count;
            Applications += batch.Applications.Count;
            if (first / Chunk % 4 == 3)
            {
                log.WriteLine($"   copied {Applications:N0} applications, {Events:N0} events ({clock.Elapsed.TotalSeconds:N0} s)");
            }
        }

        // The relay had caught up (the service passes every event to it as it goes); new events start after the head.
        var finishing = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO checkpoints (consumer, tx, position)
                SELECT @consumer, tx, global_position FROM events ORDER BY tx DESC, global_position DESC LIMIT 1
                ON CONFLICT (consumer) DO UPDATE SET tx = excluded.tx, position = excluded.position, updated_at = now()
                """, connection))
            {
                command.Parameters.AddWithValue("consumer", AccessRequests.Web.Relay.GrantRelay.Consumer);
                await command.ExecuteNonQueryAsync();
            }
            // Autovacuum would do this on its own within minutes of such a load; done at once so the plans are settled.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM events)", connection);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Applications = reader.GetInt64(0);
            Events = reader.GetInt64(1);
        }
        Report = $"seeded {Applications:N0} applications / {Events:N0} events in {clock.Elapsed.TotalSeconds:N0} s " +
            $"(render {renderTime.TotalSeconds:N0} s, COPY {copyTime.TotalSeconds:N0} s, vacuum analyze {finishing.Elapsed.TotalSeconds:N0} s)";
        log.WriteLine($"   {Report}");
    }

    private static async Task<Guid> Draft(HttpClient researcher, int comments)
    {
        var answer = await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { "ngc-gdb-wgs" } });
        await Ensure(answer, "create");
        var id = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Command(researcher, id, "save-draft", new
        {
            title = "Rare variants in Danish epilepsy patients",
            answers = new Dictionary<string, object>
            {
                ["project-summary"] = "We look for rare variants in children with epilepsy.",
                ["data-handling"] = "Analysed on the national HPC only; results aggregated.",
            },
            researchPurpose = new { duoCodes = new[] { "DUO:0000006" }, disease = "epilepsy", commercial = false, description = "Rare-variant burden study." },
        });
        await Command(researcher, id, "add-ethics-approval", new
        {
            committee = "region-h",
            caseNumber = "H-21012345",
            validFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)),
            validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)),
        });
        for (var i = 0; i < comments; i++)
        {
            await Command(researcher, id, "comment", new { text = $"Draft note {i}: the sample size is still being settled.", visibility = "public" });
        }
        return id;
    }

    private static async Task<long> Command(HttpClient client, Guid id, string command, object? body = null)
    {
        var answer = await client.PostAsJsonAsync($"/api/applications/{id}/{command}", body ?? new { });
        await Ensure(answer, command);
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    private static async Task<long> VersionOf(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("version").GetInt64();

    private static async Task Ensure(HttpResponseMessage answer, string what)
    {
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Rows of many applications, ready to COPY.</summary>
    private sealed class Batch
    {
        public List<(string Id, string Type, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)> Streams { get; } = [];
        public List<(Guid EventId, string StreamId, long Version, string Type, string Data, string Metadata, DateTimeOffset RecordedAt)> Events { get; } = [];
        public List<ApplicationRow> Applications { get; } = [];
        public List<ScheduledTimer> Timers { get; } = [];
        public List<GrantRow> Grants { get; } = [];

        public async Task CopyAsync(NpgsqlConnection connection)
        {
            await using (var w = await connection.BeginBinaryImportAsync("COPY streams (id, type, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var s in Streams)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(s.Id, NpgsqlDbType.Text);
                    await w.WriteAsync(s.Type, NpgsqlDbType.Text);
                    await w.WriteAsync(s.Version, NpgsqlDbType.Bigint);
                    await w.WriteAsync(s.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(s.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
                await w.CompleteAsync();
            }
            await using (var w = await connection.BeginBinaryImportAsync(
                "COPY events (event_id, stream_id, stream_version, type, data, metadata, recorded_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in Events)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(e.EventId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(e.StreamId, NpgsqlDbType.Text);
                    await w.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                    await w.WriteAsync(e.Type, NpgsqlDbType.Text);
                    await w.WriteAsync(e.Data, NpgsqlDbType.Jsonb);
                    await w.WriteAsync(e.Metadata, NpgsqlDbType.Jsonb);
                    await w.WriteAsync(e.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
                await w.CompleteAsync();
            }
            await using (var w = await connection.BeginBinaryImportAsync(
                "COPY applications (id, applicant_id, status, title, version, created_at, updated_at, submitted_at, deadline, detail) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var a in Applications)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(a.ApplicantId, NpgsqlDbType.Text);
                    await w.WriteAsync(a.Status, NpgsqlDbType.Text);
                    await WriteNullable(w, a.Title);
                    await w.WriteAsync(a.Version, NpgsqlDbType.Bigint);
                    await w.WriteAsync(a.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(a.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await WriteNullable(w, a.SubmittedAt);
                    await WriteNullable(w, a.Deadline);
                    await w.WriteAsync(a.Detail, NpgsqlDbType.Text);
                }
                await w.CompleteAsync();
            }
            await using (var w = await connection.BeginBinaryImportAsync(
                "COPY application_participants (application_id, user_id, relation) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var a in Applications)
                {
                    foreach (var p in a.Participants.Distinct())
                    {
                        await w.StartRowAsync();
                        await w.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                        await w.WriteAsync(p.UserId, NpgsqlDbType.Text);
                        await w.WriteAsync(p.Relation, NpgsqlDbType.Text);
                    }
                }
                await w.CompleteAsync();
            }
            await using (var w = await connection.BeginBinaryImportAsync(
                "COPY timers (id, stream_id, kind, due_at, payload) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var t in Timers)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(t.Id, NpgsqlDbType.Text);
                    await w.WriteAsync(t.StreamId, NpgsqlDbType.Text);
                    await w.WriteAsync(t.Kind, NpgsqlDbType.Text);
                    await w.WriteAsync(t.DueAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(t.Payload, NpgsqlDbType.Jsonb);
                }
                await w.CompleteAsync();
            }
            await using (var w = await connection.BeginBinaryImportAsync(
                "COPY grants (grant_id, application_id, user_id, dataset_id, location, dac_id, valid_from, valid_until, status, updated_at, detail) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var g in Grants)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(g.GrantId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(g.ApplicationId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(g.UserId, NpgsqlDbType.Text);
                    await w.WriteAsync(g.DatasetId, NpgsqlDbType.Text);
                    await w.WriteAsync(g.Location, NpgsqlDbType.Text);
                    await w.WriteAsync(g.DacId, NpgsqlDbType.Text);
                    await w.WriteAsync(g.ValidFrom.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(g.ValidUntil.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(g.Status, NpgsqlDbType.Text);
                    await w.WriteAsync(g.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(g.Detail, NpgsqlDbType.Text);
                }
                await w.CompleteAsync();
            }
        }

        private static Task WriteNullable(NpgsqlBinaryImporter w, string? value) =>
            value is null ? w.WriteNullAsync() : w.WriteAsync(value, NpgsqlDbType.Text);

        private static Task WriteNullable(NpgsqlBinaryImporter w, DateTimeOffset? value) =>
            value is { } v ? w.WriteAsync(v.UtcDateTime, NpgsqlDbType.TimestampTz) : w.WriteNullAsync();
    }

    /// <summary>One application as the product stored it, with every id in its texts marked for replacement.</summary>
    private sealed partial class Template
    {
        private Template(string name, Guid id, StreamSlice slice, ApplicationRow row, IReadOnlyList<ScheduledTimer> timers, IReadOnlyList<GrantRow> grants)
        {
            Name = name;
            Id = id;
            Events = slice.Events;
            Row = row;
            Timers = timers;
            Grants = grants;
        }

        public string Name { get; }

        public Guid Id { get; }

        public IReadOnlyList<RecordedEvent> Events { get; }

        public ApplicationRow Row { get; }

        public IReadOnlyList<ScheduledTimer> Timers { get; }

        public IReadOnlyList<GrantRow> Grants { get; }

        public static async Task<Template> ReadAsync(IEventStore store, string name, Guid id)
        {
            var streamId = ApplicationStreams.StreamId(id);
            var slice = await store.ReadStreamAsync(streamId);
            var row = await store.GetApplicationAsync(id) ?? throw new InvalidOperationException($"No row for template {name}.");
            var timers = await store.ListTimersAsync(streamId);
            var grants = await store.ListGrantsAsync(new GrantQuery(ApplicationId: id));
            return new Template(name, id, slice, row, timers, grants);
        }

        /// <summary>Adds one copy of the application, with fresh ids everywhere, to <paramref name="batch"/>.</summary>
        public void Render(Batch batch)
        {
            var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string Fresh(string old)
            {
                if (!ids.TryGetValue(old, out var fresh))
                {
                    ids[old] = fresh = Guid.CreateVersion7().ToString();
                }
                return fresh;
            }
            string Text(string text) => Uuid().Replace(text, m => Fresh(m.Value));
            Guid Id(Guid old) => Guid.Parse(Fresh(old.ToString()));

            var application = Id(this.Id);
            var streamId = ApplicationStreams.StreamId(application);
            batch.Streams.Add((streamId, ApplicationStreams.StreamType, Events[^1].StreamVersion, Events[0].RecordedAt, Events[^1].RecordedAt));
            foreach (var e in Events)
            {
                batch.Events.Add((Guid.CreateVersion7(), streamId, e.StreamVersion, e.Type, Text(e.Data), e.Metadata, e.RecordedAt));
            }
            batch.Applications.Add(Row with { Id = application, Detail = Text(Row.Detail) });
            foreach (var t in Timers)
            {
                batch.Timers.Add(t with { Id = Text(t.Id), StreamId = streamId, Payload = Text(t.Payload) });
            }
            foreach (var g in Grants)
            {
                batch.Grants.Add(g with { GrantId = Id(g.GrantId), ApplicationId = application, Detail = Text(g.Detail) });
            }
        }

        [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex Uuid();
    }
}
