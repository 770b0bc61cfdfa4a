import Foundation
import PartnerCenterContracts
import Synchronization

/// Reports capture events on standard error: on a terminal, one progress line redrawn in place
/// (done/total, elapsed, remaining, failed, throttled); a line for each failed call; with
/// `--verbose`, a line for every event.
final class CaptureLog: Sendable {
  private struct State {
    var total = 0
    var done = 0
    var failed = 0
    var throttled = 0
    var started = Date()
    var lastDraw = Date.distantPast
  }

  private let io: any CommandIO
  private let live: Bool
  private let verbose: Bool
  private let state = Mutex(State())

  /// A log on `io`; `live` draws the progress line (standard error is a terminal and the run
  /// is not `--quiet`); `verbose` writes every event.
  init(io: any CommandIO, live: Bool, verbose: Bool) {
    self.io = io
    self.live = live
    self.verbose = verbose
  }

  func handle(_ event: CaptureEvent) {
    let line: (text: String, isFailure: Bool) = state.withLock { state in
      switch event {
      case .planned(let total):
        state.total = total
        state.started = Date()
        return ("planned \(Plural.counted(total, "call"))", false)
      case .listedCustomers(let page, let customers):
        return (
          "customer list page \(page): \(Plural.counted(customers, "customer")) so far", false
        )
      case .retrying(let endpoint, let retry, let reason, let delay):
        return ("\(endpoint): \(reason); retry \(retry) in \(Self.seconds(delay))", false)
      case .throttled(let endpoint, let delay, let concurrency):
        state.throttled += 1
        return (
          "\(endpoint): throttled (429); waiting \(Self.seconds(delay)), concurrency now \(concurrency)",
          false
        )
      case .recorded(let endpoint, let status, let path, let findings):
        state.done += 1
        let errors = findings.count { $0.severity == .error }
        return (
          "\(endpoint): HTTP \(status)\(path.map { " -> \($0)" } ?? "")"
            + (errors > 0 ? ", \(Plural.counted(errors, "error finding"))" : ""), false
        )
      case .failed(let endpoint, let reason):
        state.done += 1
        state.failed += 1
        return ("\(endpoint): failed: \(reason)", true)
      case .skipped(let endpoint):
        state.done += 1
        return ("\(endpoint): skipped (already recorded)", false)
      }
    }
    if verbose || line.isFailure {
      io.err((live ? "\r\u{1B}[K" : "") + line.text + "\n")
    }
    if live { drawProgress(force: false) }
  }

  /// Ends the progress line.
  func finish() {
    if live {
      drawProgress(force: true)
      io.err("\n")
    }
  }

  private func drawProgress(force: Bool) {
    let text: String? = state.withLock { state in
      let now = Date()
      guard force || now.timeIntervalSince(state.lastDraw) > 0.1 else { return nil }
      state.lastDraw = now
      let elapsed = max(0.001, now.timeIntervalSince(state.started))
      let rate = Double(state.done) / elapsed
      let remaining =
        state.done == 0 ? "?" : Self.clock(Double(state.total - state.done) / max(rate, 0.001))
      return
        "\r\u{1B}[K\(state.done)/\(state.total) endpoints, \(Self.clock(elapsed)) elapsed, \(remaining) remaining, \(state.failed) failed, \(state.throttled) throttled"
    }
    if let text { io.err(text) }
  }

  private static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

  /// `m:ss`, or `h:mm:ss` from an hour.
  private static func clock(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
    return hours > 0
      ? String(format: "%d:%02d:%02d", hours, minutes, rest)
      : String(format: "%d:%02d", minutes, rest)
  }
}

/// Recordings held in memory instead of written: what `check` captured, and the one
/// recording `capture --stdout` prints once the capture is done. Sorted by path.
final class HeldRecordings: Sendable {
  private let storage = Mutex<[Recording]>([])
  func append(_ recording: Recording) { storage.withLock { $0.append(recording) } }
  var all: [Recording] {
    storage.withLock { $0 }.sorted { $0.relativePath < $1.relativePath }
  }
}
