// Each server is a whole node (cluster, sharding, SQLite); on two cores they run one at a time,
// and the settings test sets a process-wide environment variable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
