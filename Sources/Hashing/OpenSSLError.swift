import COpenSSL

/// An error reported by libcrypto, with the messages drained from its error queue.
public struct OpenSSLError: Error, CustomStringConvertible, Sendable {
    /// The libcrypto call that failed.
    public let function: String
    /// The messages OpenSSL queued for this failure, oldest first.
    public let messages: [String]

    public var description: String {
        messages.isEmpty ? "\(function) failed" : "\(function) failed: \(messages.joined(separator: "; "))"
    }

    /// Drains the thread's OpenSSL error queue into an error for `function`.
    ///
    /// Every failed libcrypto call goes through here so the queue never leaks a stale
    /// message into the next, unrelated failure.
    static func drain(_ function: String) -> OpenSSLError {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(function: function, messages: messages)
    }

    /// Throws the drained error when an OpenSSL call returned its failure value (not 1).
    static func check(_ result: Int32, _ function: String) throws {
        if result != 1 { throw drain(function) }
    }
}
