import Synchronization

/// The last large value a command worked on, kept until the process exits.
///
/// Freeing a parsed 80 MB collection walks and frees its 150 MB tree, about a tenth of a
/// `validate` run, for memory the exit returns anyway (compilers skip the same work at exit
/// for the same reason). A command hands over only its last input; the next call frees the
/// value it replaces, so commands run one after another in one process (tests) keep one.
final class ExitTeardown: Sendable {
  /// The process's keeper, which the commands use.
  static let shared = ExitTeardown()

  private let kept = Mutex<(any Sendable)?>(nil)

  /// Keeps `value` alive until exit or until the next call, which frees it instead.
  func keepUntilExit(_ value: any Sendable) {
    let previous = kept.withLock { slot in
      let previous = slot
      slot = value
      return previous
    }
    // Dropped here, outside the lock.
    withExtendedLifetime(previous) {}
  }
}
