/// A fact that holds from a day on (nil: from before anything the ledger knows), with the event
/// that recorded it. Facts that change in the world are lists of these, never edited values.
public struct Dated<Value: Equatable & Sendable>: Equatable, Sendable {
    /// The first day it holds.
    public let from: LedgerDate?
    /// The value.
    public let value: Value
    /// The event that recorded it.
    public let seq: Int64

    /// A dated value with every field given.
    public init(from: LedgerDate?, value: Value, seq: Int64) {
        self.from = from
        self.value = value
        self.seq = seq
    }

    /// The value in force on `date`: the change with the latest day not after it (of two with
    /// one day, the later record); changes without a day hold from the start. A nil `date`
    /// takes every change. Nil when no change applies yet.
    public static func latest(in changes: [Dated<Value>], on date: LedgerDate?) -> Value? {
        var best: (index: Int, change: Dated<Value>)?
        for (index, change) in changes.enumerated() {
            if let date, let from = change.from, from > date { continue }
            guard let current = best else {
                best = (index, change)
                continue
            }
            if current.change.from == change.from || LedgerDate.earlier(current.change.from, than: change.from) {
                best = (index, change)
            }
        }
        return best?.change.value
    }
}

/// An artifact's publication over time: each `publish` (a `Publication`) and each withdrawal
/// (nil) from its day. Weights are closed before their first publication date and after a
/// withdrawal, whatever is known later (POLICY-BRIEF §1).
public struct PublicationHistory: Equatable, Sendable {
    /// Every change in the order recorded.
    public let changes: [Dated<Publication?>]

    /// A history of `changes`, in the order recorded.
    public init(_ changes: [Dated<Publication?>] = []) { self.changes = changes }

    /// The publication in force on `date`, nil when the weights were closed then. With no date,
    /// the latest state recorded.
    public func publication(on date: LedgerDate?) -> Publication? {
        Dated.latest(in: changes, on: date) ?? nil
    }

    /// The days on which the state changes.
    public var dates: [LedgerDate] { changes.compactMap(\.from) }
}
