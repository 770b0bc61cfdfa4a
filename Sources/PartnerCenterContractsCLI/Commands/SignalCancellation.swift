import Dispatch
import Foundation

/// Runs `cancel` when the process gets SIGINT or SIGTERM, so a command can stop cleanly
/// (finish or abandon its current step, leave only complete files) instead of dying mid-write.
final class SignalCancellation {
  private let sources: [any DispatchSourceSignal]

  init(_ cancel: @escaping @Sendable () -> Void) {
    sources = [SIGINT, SIGTERM].map { signalNumber in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler(handler: cancel)
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
