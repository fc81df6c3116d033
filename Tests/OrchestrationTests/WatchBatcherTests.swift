import Testing

@testable import Orchestration

/// How `watch` gathers changes into batches: quiet periods, the longest delay, each path once.
struct WatchBatcherTests {
    let start = ContinuousClock.now

    @Test func anEmptyBatcherHasNoDeadline() {
        var batcher = WatchBatcher()
        #expect(batcher.isEmpty)
        #expect(batcher.deadline == nil)
        #expect(batcher.take(at: start + .seconds(10)) == nil)
    }

    @Test func aBatchIsDueAfterItsQuietPeriod() {
        var batcher = WatchBatcher()
        batcher.add(.path("/src/a"), at: start)
        #expect(batcher.take(at: start + .milliseconds(40)) == nil)
        #expect(batcher.take(at: start + .milliseconds(51)) == WatchBatch(paths: ["/src/a"]))
        #expect(batcher.isEmpty)
    }

    @Test func eachChangeDelaysTheBatchAndEachPathComesOnce() {
        var batcher = WatchBatcher()
        batcher.add(.path("/src/a"), at: start)
        batcher.add(.path("/src/b"), at: start + .milliseconds(40))
        batcher.add(.path("/src/a"), at: start + .milliseconds(80))
        #expect(batcher.take(at: start + .milliseconds(100)) == nil)
        #expect(batcher.take(at: start + .milliseconds(131)) == WatchBatch(paths: ["/src/a", "/src/b"]))
    }

    @Test func aBurstWaitsLongerForQuiet() {
        var batcher = WatchBatcher()
        for index in 0..<1000 { batcher.add(.path("/src/\(index)"), at: start) }
        #expect(batcher.quietPeriod == WatchBatcher.longestQuietPeriod)
        #expect(batcher.take(at: start + .milliseconds(200)) == nil)
        let batch = batcher.take(at: start + .milliseconds(300))
        #expect(batch?.paths.count == 1000)
    }

    @Test func changesWithoutPauseAreHandedOverAfterTheLongestDelay() {
        var batcher = WatchBatcher()
        var now = start
        while now < start + .seconds(4) {
            batcher.add(.path("/src/log"), at: now)
            if batcher.take(at: now) != nil { break }
            now += .milliseconds(20)
        }
        #expect(now >= start + WatchBatcher.longestDelay)
        #expect(now < start + WatchBatcher.longestDelay + .milliseconds(40))
    }

    @Test func anOverflowMarksTheBatchAndAnUnwatchableDirectoryIsNoChange() {
        var batcher = WatchBatcher()
        batcher.add(.unwatchable(path: "/src/big", reason: "limit"), at: start)
        #expect(batcher.isEmpty)
        batcher.add(.overflow, at: start)
        #expect(batcher.take(at: start + .seconds(1)) == WatchBatch(paths: [], overflowed: true))
    }
}
