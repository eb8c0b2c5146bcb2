using System.Collections.Immutable;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Sql.Journal;
using Akka.Serialization;
using Akka.Util;
using Npgsql;
using NpgsqlTypes;

namespace AkkaCollab.Node.Storage;

// Akka.Persistence.Sql's journal with a direct write path for PostgreSQL. Everything else
// (table creation, replay, highest sequence number, deletes, the snapshot store, queries) is
// the plugin's, and the rows written here are the rows it writes: the same columns, serializer
// identifier, manifest, ticks and writer uuid, so that its readers cannot tell them apart.
//
// Why: at ordinary load the plugin's write path was 30 % of the server's CPU (linq2db builds the
// INSERT and clones a connection for every write) and its tail was ours, not the database's:
// journal writes took 1.96 ms on average and about 10 ms at p99 while the same INSERT from
// pgbench committed in 0.69 / 1.49 ms (docs/benchmarks.md). Here every waiting write goes into
// one INSERT … SELECT FROM unnest(…) per round trip: one statement, one commit, no BEGIN.
//
//   WriteMessagesAsync ──► channel ──► writer loop (Parallelism of them) ──► INSERT of all waiting rows
//                                           └─ the INSERT failed and held several writes:
//                                              each again on its own, so that a fenced write
//                                              (the unique key) fails only its own document
//
// A write whose events carry tags goes to the plugin's own path (the tags table); ours carry none.
public sealed class PostgresWriteJournal : SqlWriteJournal
{
    // The plugin's default table mapping (we configure no other). Positional parameters: Npgsql
    // sends the text as it is, without parsing it for named ones.
    private const string Insert =
        "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) " +
        "SELECT c, false, p, s, m, mf, i, $7 FROM unnest($1, $2, $3, $4, $5, $6) AS t(c, p, s, m, mf, i)";

    private sealed record Row(long Created, string PersistenceId, long SequenceNr, byte[] Message, string Manifest, int Identifier);

    private sealed class PendingWrite(List<Row> rows)
    {
        public List<Row> Rows { get; } = rows;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record WriteDone(string PersistenceId, Task Write);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _parallelism;
    private readonly int _batchSize;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Task> _writing = new(StringComparer.Ordinal);
    private readonly Akka.Serialization.Serialization _serialization;

    public PostgresWriteJournal(Config journalConfig) : base(journalConfig)
    {
        _parallelism = Math.Max(1, journalConfig.GetInt("parallelism", 3));
        _batchSize = Math.Max(1, journalConfig.GetInt("batch-size", 100));
        var connection = new NpgsqlConnectionStringBuilder(journalConfig.GetString("connection-string"));
        // The one statement is prepared once per pooled connection.
        connection.MaxAutoPrepare = Math.Max(connection.MaxAutoPrepare, 4);
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _serialization = Context.System.Serialization;
    }

    protected override void PreStart()
    {
        base.PreStart();
        for (var i = 0; i < _parallelism; i++)
        {
            _ = Task.Run(WriteLoop);
        }
    }

    protected override void PostStop()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new OperationCanceledException("the journal stopped before this write"));
        }
        base.PostStop();
        _dataSource.Dispose();
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        if (writes.Count == 0)
        {
            return Task.FromResult<IImmutableList<Exception>>(ImmutableList<Exception>.Empty);
        }
        if (writes.Any(w => Events(w).Any(e => e.Payload is Tagged)))
        {
            return base.WriteMessagesAsync(writes, cancellationToken);
        }

        var now = DateTime.UtcNow.Ticks;
        var rows = new List<Row>(writes.Count);
        // null: written (the element type is not nullable for AsyncWriteJournal's sake).
        var rejections = new Exception[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                rows.AddRange(Events(writes[i]).Select(e => Serialize(e, now)).ToList());
            }
            catch (Exception e)
            {
                // Not written: the persistent actor is told the event was rejected.
                rejections[i] = e;
            }
        }
        var write = new PendingWrite(rows);
        if (rows.Count == 0)
        {
            write.Done.SetResult();
        }
        else if (!_queue.Writer.TryWrite(write))
        {
            write.Done.SetException(new InvalidOperationException("the journal is stopping"));
        }

        var persistenceId = writes[0].PersistenceId;
        _writing[persistenceId] = write.Done.Task;
        var self = Self;
        write.Done.Task.ContinueWith(t => self.Tell(new WriteDone(persistenceId, t)), TaskContinuationOptions.ExecuteSynchronously);
        return write.Done.Task.ContinueWith<IImmutableList<Exception>>(
            t => t.IsCompletedSuccessfully ? ImmutableList.Create(rejections) : throw t.Exception!.GetBaseException(),
            TaskContinuationOptions.ExecuteSynchronously);
    }

    // A recovering incarnation on this node must see the writes of the one before it.
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_writing.TryGetValue(persistenceId, out var inProgress))
        {
            await inProgress.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is WriteDone done)
        {
            if (_writing.TryGetValue(done.PersistenceId, out var latest) && ReferenceEquals(latest, done.Write))
            {
                _writing.Remove(done.PersistenceId);
            }
            return true;
        }
        return base.ReceivePluginInternal(message);
    }

    private static IEnumerable<IPersistentRepresentation> Events(AtomicWrite write) =>
        (IImmutableList<IPersistentRepresentation>)write.Payload;

    // What the plugin's ByteArrayJournalSerializer stores for an untagged event.
    private Row Serialize(IPersistentRepresentation e, long now)
    {
        var serializer = _serialization.FindSerializerForType(e.Payload.GetType());
        var manifest = serializer switch
        {
            SerializerWithStringManifest withManifest => withManifest.Manifest(e.Payload),
            { IncludeManifest: true } => e.Payload.GetType().TypeQualifiedName(),
            _ => string.Empty,
        };
        var bytes = Akka.Serialization.Serialization.WithTransport(_serialization.System, (serializer, e.Payload), state => state.serializer.ToBinary(state.Payload));
        return new Row(e.Timestamp == 0 ? now : e.Timestamp, e.PersistenceId, e.SequenceNr, bytes, manifest, serializer.Identifier);
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>();
        var token = _stopping.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token))
            {
                batch.Clear();
                var rows = 0;
                while (rows < _batchSize && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    rows += next.Rows.Count;
                }
                if (batch.Count == 0)
                {
                    continue;
                }
                try
                {
                    await Write(batch.SelectMany(w => w.Rows).ToList(), token);
                    batch.ForEach(w => w.Done.TrySetResult());
                }
                catch (Exception) when (batch.Count > 1 && !token.IsCancellationRequested)
                {
                    // Nothing of the statement was written: each write again, alone.
                    foreach (var write in batch)
                    {
                        await WriteAlone(write, token);
                    }
                }
                catch (Exception e)
                {
                    batch.ForEach(w => w.Done.TrySetException(e));
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            batch.ForEach(w => w.Done.TrySetException(new OperationCanceledException("the journal stopped during this write")));
        }
        catch (Exception e)
        {
            _log.Error(e, "journal writer loop ended");
            batch.ForEach(w => w.Done.TrySetException(e));
        }
    }

    private async Task WriteAlone(PendingWrite write, CancellationToken token)
    {
        try
        {
            await Write(write.Rows, token);
            write.Done.TrySetResult();
        }
        catch (Exception e)
        {
            write.Done.TrySetException(e);
        }
    }

    private async Task Write(List<Row> rows, CancellationToken token)
    {
        await using var command = _dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.Created).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.PersistenceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.SequenceNr).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = rows.Select(r => r.Message).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.Manifest).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(r => r.Identifier).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _writerUuid });
        await command.ExecuteNonQueryAsync(token);
    }
}
