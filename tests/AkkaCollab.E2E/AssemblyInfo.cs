// Each test starts its own server and browser contexts; on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
