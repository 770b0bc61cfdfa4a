import Dispatch
import Foundation

/// Independent work spread over the cores, results in order: the files of a folder, the
/// recordings of a check. Each element is transformed once, by one of at most as many threads
/// as there are cores; with one core it is a plain loop.
package enum ParallelMap {
  /// The cores this process may use, asked once: Foundation works it out from the cgroup's
  /// quota and CPU set, reading files each time it is asked.
  package static let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)

  /// `transform` of every index in `0..<count`, in index order.
  package static func map<T: Sendable>(
    _ count: Int, _ transform: @Sendable (Int) -> T
  ) -> [T] {
    let workers = min(count, cores)
    guard workers > 1 else { return (0..<count).map(transform) }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    let next = Counter()
    // Each worker takes the next index until none is left: one slow element does not hold
    // up the others' share. Every index is written by exactly one worker.
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.take()
        guard index < count else { return }
        slots[index] = transform(index)
      }
    }
    return results.map { $0! }
  }

  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take() -> Int {
      lock.lock()
      defer { lock.unlock() }
      value += 1
      return value - 1
    }
  }
}
