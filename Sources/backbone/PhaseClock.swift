import Foundation

/// `build --timings`: wall time per phase on stderr, so a benchmark can say
/// where a build's time goes without a profiler.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if enabled {
            FileHandle.standardError.write(Data("timing: \(phase) \(String(format: "%.3f", Double(now - last) / 1e9)) s\n".utf8))
        }
        last = now
    }
}
