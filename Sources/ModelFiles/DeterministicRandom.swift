/// Deterministic pseudo-random sources for generated data (demo files, tests, benchmarks, the
/// fuzzer): the same seed gives the same output on every run and machine.

/// Filler bytes for tensor data (xorshift64).
public struct FillerBytes {
    private var state: UInt64

    /// xorshift64 needs a non-zero state; the odd multiplier keeps distinct seeds distinct. `salt`
    /// keeps different writers' streams apart for the same seed.
    public init(seed: UInt64, salt: UInt64 = 1) {
        state = (seed &+ salt) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The next filler byte.
    public mutating func next() -> UInt8 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }

    /// Appends `count` bytes to `out`.
    public mutating func append(_ count: Int, to out: inout [UInt8]) {
        for _ in 0..<count { out.append(next()) }
    }
}

/// SplitMix64, for choices (mutations, generated facts).
public struct SplitMix64: RandomNumberGenerator {
    /// The generator's state.
    public var state: UInt64

    /// A generator from a seed.
    public init(state: UInt64) { self.state = state }

    /// The next value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
