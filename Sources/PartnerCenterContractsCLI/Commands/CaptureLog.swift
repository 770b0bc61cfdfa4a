import Foundation
import PartnerCenterContracts
import Synchronization

/// Reports capture events on standard error: a progress line redrawn in place on a terminal
/// (done/total, rate, errors, throttled), one plain line per event otherwise.
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
  private let state = Mutex(State())

  init(io: any CommandIO, live: Bool) {
    self.io = io
    self.live = live
  }

  func handle(_ event: CaptureEvent) {
    let line: String? = state.withLock { state in
      switch event {
      case .planned(let total):
        state.total = total
        state.started = Date()
        return live ? nil : "planned \(total) calls"
      case .listedCustomers(let page, let customers):
        return live ? nil : "customer list page \(page): \(customers) customers so far"
      case .retrying(let endpoint, let retry, let reason, let delay):
        return live ? nil : "\(endpoint): \(reason); retry \(retry) in \(Self.seconds(delay))"
      case .throttled(let endpoint, let delay, let concurrency):
        state.throttled += 1
        return live
          ? nil
          : "\(endpoint): throttled (429); waiting \(Self.seconds(delay)), concurrency now \(concurrency)"
      case .recorded(let endpoint, let status, let path, let findings):
        state.done += 1
        let errors = findings.count { $0.severity == .error }
        return live
          ? nil
          : "\(endpoint): HTTP \(status)\(path.map { " -> \($0)" } ?? "")\(errors > 0 ? ", \(errors) error findings" : "")"
      case .failed(let endpoint, let reason):
        state.done += 1
        state.failed += 1
        return live ? "\(endpoint): \(reason)" : "\(endpoint): failed: \(reason)"
      case .skipped(let endpoint):
        state.done += 1
        return live ? nil : "\(endpoint): skipped (already recorded)"
      }
    }
    if let line {
      io.err(live ? "\r\u{1B}[K" + line + "\n" : line + "\n")
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
      return
        "\r\u{1B}[K\(state.done)/\(state.total) captured, \(String(format: "%.1f", rate))/s, \(state.failed) failed, \(state.throttled) throttled"
    }
    if let text { io.err(text) }
  }

  private static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
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
