import Dispatch
import Foundation

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
