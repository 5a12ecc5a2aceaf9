import Foundation
import GRDB
import GRDBSQLite

/// A value bound straight to an SQLite statement's parameter, without GRDB's `StatementArguments`
/// (an array of existentials converted to `DatabaseValue`s, then bound in nested closures): the
/// projector runs a handful of inserts per event, and a replay of a million events spent more
/// time building arguments than SQLite spent inserting.
protocol SQLBindable {
    /// Binds the value to parameter `index` (from 1); SQLite's result code.
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

/// SQLite copies the bytes before `sqlite3_bind_*` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int64: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, self) }
}

extension Int: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension Bool: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, self ? 1 : 0)
    }
}

extension Double: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_double(statement, index, self) }
}

extension String: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = self
        // With its length, so a NUL inside is kept; an empty string is "", not NULL.
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(statement, index, "", 0, transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
            }
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .some(let value): value.bind(to: statement, at: index)
        case .none: sqlite3_bind_null(statement, index)
        }
    }
}

extension Database {
    /// Executes a statement compiled once per connection with `values` bound in order: appends
    /// run the same few inserts thousands of times, and compiling them each time cost more than
    /// running them. Only for statements that write (no row is read back).
    func run<each Value: SQLBindable>(_ sql: String, _ values: repeat each Value) throws {
        let statement = try bound(sql, repeat each values)
        let code = sqlite3_step(statement)
        // The bound copies go now, not at the statement's next use (an event's payload may be 100+ MB).
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        guard code == SQLITE_DONE else { throw failure(code, statement, sql) }
    }

    /// `run` with `text` bound last, in place (`SQLITE_STATIC`: SQLite does not copy it, and it is
    /// unbound before the bytes can go): an event's payload may be 100+ MB, and SQLite copies it
    /// once more anyway to build the row.
    func run<each Value: SQLBindable>(_ sql: String, _ values: repeat each Value, inPlace text: String) throws {
        let statement = try bound(sql, repeat each values, extra: 1)
        let index = sqlite3_bind_parameter_count(statement)
        var text = text
        let refused = text.withUTF8 { bytes -> DatabaseError? in
            defer {
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
            }
            let bind =
                bytes.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        // No destructor (SQLITE_STATIC): SQLite reads the bytes where they are.
                        sqlite3_bind_text(statement, index, $0, Int32(bytes.count), nil)
                    }
                } ?? sqlite3_bind_text(statement, index, "", 0, transient)
            let code = bind == SQLITE_OK ? sqlite3_step(statement) : bind
            return code == SQLITE_DONE ? nil : failure(code, statement, sql)
        }
        if let refused { throw refused }
    }

    /// The first column of the first row of a query compiled once per connection (nil when there
    /// is no row or the value is NULL), with `values` bound in order.
    func int64<each Value: SQLBindable>(_ sql: String, _ values: repeat each Value) throws -> Int64? {
        let statement = try bound(sql, repeat each values)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            return sqlite3_column_type(statement, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, 0)
        case SQLITE_DONE: return nil
        case let code: throw failure(code, statement, sql)
        }
    }

    /// The cached statement for `sql`, reset, with exactly its parameters bound (all but the
    /// last `extra`, bound by the caller).
    private func bound<each Value: SQLBindable>(
        _ sql: String, _ values: repeat each Value, extra: Int32 = 0
    ) throws -> OpaquePointer {
        let statement = try cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        var index: Int32 = 0
        var code = SQLITE_OK
        for value in repeat each values {
            index += 1
            if code == SQLITE_OK { code = value.bind(to: statement, at: index) }
        }
        guard code == SQLITE_OK else { throw failure(code, statement, sql) }
        guard index + extra == sqlite3_bind_parameter_count(statement) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(index)", sql: sql)
        }
        return statement
    }

    /// The connection's error for a failed step or bind, with its extended code (a UNIQUE or
    /// foreign-key constraint is told apart as GRDB tells it).
    private func failure(_ code: Int32, _ statement: OpaquePointer, _ sql: String) -> DatabaseError {
        let connection = sqlite3_db_handle(statement)
        let extended = sqlite3_extended_errcode(connection)
        return DatabaseError(
            resultCode: ResultCode(rawValue: extended & 0xff == code & 0xff ? extended : code),
            message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

/// The current row of a statement stepped by `Database.forEachRow`, read by column number.
struct SQLiteRow {
    let statement: OpaquePointer

    /// The column's integer; nil for NULL or a value of another type.
    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_INTEGER ? sqlite3_column_int64(statement, column) : nil
    }

    /// The column's text (or a blob's bytes read as UTF-8, invalid sequences replaced); nil for
    /// NULL or a number.
    func text(_ column: Int32) -> String? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_TEXT:
            guard let bytes = sqlite3_column_text(statement, column) else { return "" }
            let buffer = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
            return String(decoding: buffer, as: UTF8.self)
        case SQLITE_BLOB: return blob(column).map { String(decoding: $0, as: UTF8.self) }
        default: return nil
        }
    }

    /// The column's bytes; nil unless it is a blob.
    func blob(_ column: Int32) -> [UInt8]? {
        guard sqlite3_column_type(statement, column) == SQLITE_BLOB else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}

extension Database {
    /// Steps a query compiled once per connection, with `values` bound in order, handing each row
    /// to `body` until it returns false or the rows end. Without GRDB's rows: a full `verify`
    /// reads two million rows this way.
    func forEachRow<each Value: SQLBindable>(
        _ sql: String, _ values: repeat each Value, body: (SQLiteRow) throws -> Bool
    ) throws {
        let statement = try bound(sql, repeat each values)
        defer { sqlite3_reset(statement) }
        let row = SQLiteRow(statement: statement)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: guard try body(row) else { return }
            case SQLITE_DONE: return
            case let code: throw failure(code, statement, sql)
            }
        }
    }
}
