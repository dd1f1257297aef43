// Test classes run in parallel (one database each); the 2-core machine sets the pace.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
