// One cluster of node processes, faulted one fault at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
