/// Bounds how many requests are in flight, and lowers that bound while the API throttles.
///
/// Starts at the configured concurrency; every throttled response halves it (down to one),
/// and each run of successes as long as the current bound raises it by one again, up to the
/// configured concurrency.
actor AdaptiveLimiter {
  private let maximum: Int
  private(set) var limit: Int
  private var inFlight = 0
  private var successes = 0
  private var waiters: [CheckedContinuation<Void, Never>] = []

  init(maximum: Int) {
    self.maximum = max(1, maximum)
    limit = self.maximum
  }

  /// Waits for a free slot.
  func acquire() async {
    if inFlight < limit {
      inFlight += 1
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  /// Frees a slot taken by ``acquire()``.
  func release() {
    inFlight -= 1
    wakeWaiters()
  }

  /// The API answered 429: fewer requests at once for a while.
  func throttled() {
    limit = max(1, limit / 2)
    successes = 0
  }

  /// A request succeeded: after enough of them, allow one more at once.
  func succeeded() {
    guard limit < maximum else { return }
    successes += 1
    if successes >= limit {
      successes = 0
      limit += 1
      wakeWaiters()
    }
  }

  private func wakeWaiters() {
    while inFlight < limit, !waiters.isEmpty {
      inFlight += 1
      waiters.removeFirst().resume()
    }
  }
}
