import Dispatch
import Foundation
import Synchronization

/// Runs `cancel` when the process gets SIGINT or SIGTERM, so a command can stop cleanly
/// (finish or abandon its current step, leave only complete files) instead of dying mid-write.
///
/// Should the command not have stopped ``grace`` seconds later (a call that ignores
/// cancellation, a stuck runtime), the process exits with code 3 anyway: files are written
/// whole or not at all, so nothing is left half-written, and the next run removes leftover
/// temporary files. An interrupt never hangs.
final class SignalCancellation {
  private let sources: [any DispatchSourceSignal]
  /// Seconds between the signal and the forced exit.
  static let grace = 10.0

  init(_ cancel: @escaping @Sendable () -> Void) {
    sources = [SIGINT, SIGTERM].map { signalNumber in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        cancel()
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.grace) {
          let message = "pc-contract: interrupted; stopped without waiting any longer\n"
          _ = message.withCString { write(2, $0, strlen($0)) }
          _exit(3)
        }
      }
      source.resume()
      return source
    }
  }

  /// Restores the default handling.
  func stop() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}

/// `--deadline`: cancels the run when its time is up, and remembers that it did, so the run
/// can say why it stopped.
final class RunDeadline: Sendable {
  private final class Flag: Sendable {
    let value = Mutex(false)
  }

  private let timer: Task<Void, Never>?
  private let expired = Flag()
  private let seconds: Int

  /// A deadline `seconds` from now that calls `cancel` when it passes; none when nil.
  init(seconds: Int?, cancel: @escaping @Sendable () -> Void) {
    self.seconds = seconds ?? 0
    guard let seconds else {
      timer = nil
      return
    }
    let expired = expired
    timer = Task {
      guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
      expired.value.withLock { $0 = true }
      cancel()
    }
  }

  /// Whether the deadline passed (and cancelled the run).
  var passed: Bool { expired.value.withLock { $0 } }

  /// Why the run stopped.
  var message: String { "the run passed its --deadline of \(seconds) s and was stopped" }

  /// Ends the timer.
  func stop() { timer?.cancel() }
}
