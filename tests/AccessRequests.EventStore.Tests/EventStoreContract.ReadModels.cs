using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task inline_read_models_are_written_with_the_append()
    {
        var id = Guid.CreateVersion7();

        await AppendApplicationAsync(id, 0, Opened("alice", "Cohort study", T0), MemberAdded("bob", T0.AddMinutes(1)));

        var row = await Store.GetApplicationAsync(id);
        row.ShouldBeRow(new ApplicationRow(id, "alice", "draft", "Cohort study", 2, T0, T0.AddMinutes(1), null, null,
            """{"Title":"Cohort study","members":2}""", [new("alice", "applicant"), new("bob", "member")]));
        (await Store.GetDocumentAsync(Titles, id.ToString()))!.ShouldBeJson("""{"title":"Cohort study"}""");
        (await Store.GetApplicationAsync(Guid.CreateVersion7())).ShouldBeNull();
    }

    [Fact]
    public async Task an_application_row_keeps_its_values_and_instants()
    {
        var id = Guid.CreateVersion7();
        var local = new DateTimeOffset(2025, 6, 1, 12, 30, 15, 123, 456, TimeSpan.FromHours(2));
        var row = new ApplicationRow(id, "alice", "submitted", null, 7, local, local.AddDays(1), local.AddHours(1),
            local.AddDays(30), """{"datasets":["d1","d2"]}""", [new("alice", "applicant")]);

        await Store.AppendAsync([NewStream("s")], [Upsert(row)]);

        // Same instants, whatever offset they were given in; the stores keep UTC.
        (await Store.GetApplicationAsync(id)).ShouldBeRow(row);
    }

    [Fact]
    public async Task upserting_an_application_replaces_its_row_and_participants()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync([NewStream("s")],
            [Upsert(Row(id, T0, null, P("alice", "applicant"), P("bob", "member"), P("role:steward", "todo")))]);

        var replacement = Row(id, T0.AddHours(1), T0.AddDays(3), P("alice", "applicant"), P("carol", "member")) with
        {
            Status = "approved",
            Title = null,
            Version = 5,
        };
        await Store.AppendAsync([Continue("s", 1)], [Upsert(replacement)]);

        (await Store.GetApplicationAsync(id)).ShouldBeRow(replacement);
        (await Store.ListApplicationsAsync(new ApplicationQuery(["bob", "role:steward"], ["member", "todo"]))).ShouldBeEmpty();
    }

    [Fact]
    public async Task applications_are_listed_by_participant_and_relation_once_each()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
        var rowA = Row(a, T0.AddMinutes(3), null, P("alice", "applicant"), P("bob", "member"), P("role:steward", "todo"));
        var rowB = Row(b, T0.AddMinutes(1), null, P("bob", "applicant"), P("bob", "member"));
        var rowC = Row(c, T0.AddMinutes(2), null, P("carol", "applicant"));
        await Store.AppendAsync([NewStream("s")], [Upsert(rowA), Upsert(rowB), Upsert(rowC)]);

        async Task<List<Guid>> Ids(ApplicationQuery query) => [.. (await Store.ListApplicationsAsync(query)).Select(r => r.Id)];

        (await Ids(new(["bob"], ["applicant", "member"]))).ShouldBe([a, b]);
        (await Ids(new(["bob", "role:steward"], ["todo"]))).ShouldBe([a]);
        (await Ids(new(["alice"], ["member"]))).ShouldBeEmpty();
        (await Ids(new(["bob"], []))).ShouldBeEmpty();
        (await Ids(new([], []))).ShouldBe([a, c, b]);
        (await Ids(new([], [], Limit: 2))).ShouldBe([a, c]);
        (await Ids(new(["bob", "carol"], ["applicant"], Limit: 1))).ShouldBe([c]);

        var listed = await Store.ListApplicationsAsync(new(["bob"], ["member"]));
        listed[0].ShouldBeRow(rowA);
        listed[1].ShouldBeRow(rowB);
    }

    [Fact]
    public async Task applications_are_ordered_by_deadline_then_oldest_update_or_else_by_newest_update()
    {
        Guid d1 = Guid.CreateVersion7(), d2 = Guid.CreateVersion7(), d3 = Guid.CreateVersion7(), d4 = Guid.CreateVersion7();
        var me = new Participant("erin", "todo");
        await Store.AppendAsync([NewStream("s")],
        [
            Upsert(Row(d1, T0.AddMinutes(5), T0.AddDays(10), me)),
            Upsert(Row(d2, T0.AddMinutes(6), T0.AddDays(5), me)),
            Upsert(Row(d3, T0.AddMinutes(1), null, me)),
            Upsert(Row(d4, T0.AddMinutes(2), T0.AddDays(5), me)),
        ]);

        var byDeadline = await Store.ListApplicationsAsync(new(["erin"], ["todo"], OrderByDeadline: true));
        var byUpdate = await Store.ListApplicationsAsync(new(["erin"], ["todo"]));

        byDeadline.Select(r => r.Id).ShouldBe([d4, d2, d1, d3]);
        byUpdate.Select(r => r.Id).ShouldBe([d2, d1, d4, d3]);
    }

    [Fact]
    public async Task documents_are_upserted_listed_in_id_order_and_deleted()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            new ReadModelWrite.UpsertDocument("roles", "b", """{"name":"B"}"""),
            new ReadModelWrite.UpsertDocument("roles", "a", """{"name":"A"}"""),
            new ReadModelWrite.UpsertDocument("roles", "c", """{"name":"C"}"""),
            new ReadModelWrite.UpsertDocument("other", "a", """{"name":"other"}"""),
        ]);
        await Store.AppendAsync([Continue("s", 1)],
        [
            new ReadModelWrite.UpsertDocument("roles", "a", """{"name":"A2"}"""),
            new ReadModelWrite.DeleteDocument("roles", "c"),
            new ReadModelWrite.DeleteDocument("roles", "never-there"),
            new ReadModelWrite.UpsertDocument("roles", "d", """{"name":"D"}"""),
            new ReadModelWrite.DeleteDocument("roles", "d"),
        ]);

        var roles = await Store.ListDocumentsAsync("roles");
        roles.Count.ShouldBe(2);
        roles[0].ShouldBeJson("""{"name":"A2"}""");
        roles[1].ShouldBeJson("""{"name":"B"}""");
        (await Store.GetDocumentAsync("roles", "c")).ShouldBeNull();
        (await Store.GetDocumentAsync("roles", "d")).ShouldBeNull();
        (await Store.GetDocumentAsync("other", "a"))!.ShouldBeJson("""{"name":"other"}""");
        (await Store.ListDocumentsAsync("nothing")).ShouldBeEmpty();
    }

    [Fact]
    public async Task documents_are_read_by_key_and_by_collection_together_with_their_generation()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            new ReadModelWrite.UpsertDocument("roles", "b", """{"name":"B"}"""),
            new ReadModelWrite.UpsertDocument("roles", "a", """{"name":"A"}"""),
            new ReadModelWrite.UpsertDocument("dacs", "x", """{"name":"X"}"""),
            new ReadModelWrite.UpsertDocument("dacs", "w", """{"name":"W"}"""),
            new ReadModelWrite.UpsertDocument("other", "a", """{"name":"other"}"""),
        ]);

        var read = await Store.ReadDocumentsAsync([new DocumentKey("roles", "b"), new DocumentKey("dacs"), new DocumentKey("roles", "nobody")]);

        read.Documents.Select(d => (d.Collection, d.Id)).ShouldBe([("dacs", "w"), ("dacs", "x"), ("roles", "b")]);
        read.Documents[2].Json.ShouldBeJson("""{"name":"B"}""");
        var alone = await Store.ReadDocumentsAsync([]);
        alone.Documents.ShouldBeEmpty();
        alone.Generation.ShouldBe(read.Generation);
    }

    [Fact]
    public async Task the_documents_generation_moves_on_with_every_change_to_documents_and_only_then()
    {
        var start = (await Store.ReadDocumentsAsync([])).Generation;

        await Store.AppendAsync([NewStream("s")], [new ReadModelWrite.UpsertDocument("dacs", "x", "{}")]);
        var afterUpsert = (await Store.ReadDocumentsAsync([])).Generation;
        await Store.AppendAsync([Continue("s", 1)], []);
        await Store.AppendAsync([NewStream("other")], [Upsert(Row(Guid.CreateVersion7(), T0))]);
        var afterOthers = (await Store.ReadDocumentsAsync([])).Generation;
        await Store.AppendAsync([Continue("s", 2)], [new ReadModelWrite.DeleteDocument("dacs", "x")]);
        var afterDelete = (await Store.ReadDocumentsAsync([])).Generation;
        await Should.ThrowAsync<ConcurrencyException>(() =>
            Store.AppendAsync([NewStream("s")], [new ReadModelWrite.UpsertDocument("dacs", "y", "{}")]));
        var afterRefused = (await Store.ReadDocumentsAsync([])).Generation;
        await Store.RebuildReadModelsAsync(_ => []);
        var afterRebuild = (await Store.ReadDocumentsAsync([])).Generation;

        afterUpsert.ShouldBeGreaterThan(start);
        afterOthers.ShouldBe(afterUpsert);
        afterDelete.ShouldBeGreaterThan(afterOthers);
        afterRefused.ShouldBe(afterDelete);
        afterRebuild.ShouldBeGreaterThan(afterRefused);
    }
}
