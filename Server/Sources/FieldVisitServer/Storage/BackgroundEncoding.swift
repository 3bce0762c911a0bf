import FieldVisitCore
import Foundation

/// Encodes records' registers as canonical JSON on another thread, in order and a
/// chunk at a time, while the caller writes to the database those already encoded.
///
/// A push ends by writing every record it changed; encoding them is as much work as
/// the database's, and the database connection can only be used from one thread. On a
/// machine with a core to spare (the client waits for the answer meanwhile), the two
/// overlap.
final class BackgroundEncoding: @unchecked Sendable {
    // Unchecked: `output` is written by the encoding thread only, each chunk before
    // `ready` is signalled for it, and read by the caller only after waiting for that signal.
    private let states: [EntityState]
    private let output: UnsafeMutableBufferPointer<Data>
    private let ready = DispatchSemaphore(value: 0)
    private let chunks: Int
    /// Chunks the caller has waited for.
    private var received = 0

    /// Records per chunk: enough to make a signal cheap beside the work it stands for.
    private static let chunk = 32

    /// Starts encoding `states` at once.
    init(_ states: [EntityState]) {
        self.states = states
        output = .allocate(capacity: states.count)
        output.initialize(repeating: Data())
        chunks = (states.count + Self.chunk - 1) / Self.chunk
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            for chunk in 0..<chunks {
                for index in chunk * Self.chunk..<min((chunk + 1) * Self.chunk, states.count) {
                    output[index] = CanonicalJSONWriter.encode(states[index])
                }
                ready.signal()
            }
        }
    }

    /// The canonical JSON of state `index`, once encoded. Ask in increasing order.
    func encoded(_ index: Int) -> Data {
        while received * Self.chunk <= index {
            ready.wait()
            received += 1
        }
        return output[index]
    }

    deinit {
        // The encoding thread holds `self` until it is done: nothing is written after this.
        output.deinitialize()
        output.deallocate()
    }
}
