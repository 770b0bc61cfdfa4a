/// Bounds how many requests are in flight, and lowers that bound while the API throttles.
///
/// Starts at the configured concurrency; a throttled response halves it (down to one), and
/// each run of successes as long as the current bound raises it by one again, up to the
/// configured concurrency. Throttled responses within one second of a cut count as the same
/// episode: the requests already in flight when the API started throttling would otherwise
/// cut the bound to one at once.
actor AdaptiveLimiter {
  private let maximum: Int
  private(set) var limit: Int
  private var inFlight = 0
  private var successes = 0
  private var waiters: [CheckedContinuation<Void, Never>] = []
  private var lastCut: ContinuousClock.Instant?
  private var throttleWait: Double = 0

  init(maximum: Int) {
    self.maximum = max(1, maximum)
    limit = self.maximum
  }

  /// Adds `seconds` to the run's throttling wait if that stays within `budget`; false when
  /// it would not (the call then stops waiting). One limiter serves one run, so the budget is
  /// the run's.
  func spendThrottleWait(_ seconds: Double, budget: Double) -> Bool {
    guard throttleWait + seconds <= budget else { return false }
    throttleWait += seconds
    return true
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
    let now = ContinuousClock.now
    successes = 0
    if let lastCut, now - lastCut < .seconds(1) { return }
    lastCut = now
    limit = max(1, limit / 2)
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
