// Each test class starts its own portal (own database) and its own Chromium; two at a time suit
// the 2-core machine and keep the suite well under two minutes.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
