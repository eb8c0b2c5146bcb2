// Actor specs measure time (timeouts, TTLs) on a 2-core machine: one class at a time keeps them honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
