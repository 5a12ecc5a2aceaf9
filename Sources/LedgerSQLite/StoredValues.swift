import GRDB
import LedgerCore
import LedgerStore

/// Every value read from the file is checked: the file may have been edited or damaged, and a
/// value that is missing, of another type, or does not parse as what the column holds is a damaged
/// ledger (`StoreError.damaged`, exit 3), never a crash. GRDB's `row["column"]` traps on such a
/// value, so readers use these instead.
extension Row {
    /// The value of `column` as `T` (an optional `T` for a nullable column).
    func value<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try decode(T.self, forColumn: column)
        } catch {
            // GRDB's subscripts trap on a missing column (a damaged schema renames one): look it up first.
            guard hasColumn(column) else {
                throw StoreError.damaged(path: "", reason: "column \(column) is missing from what the query read")
            }
            throw StoreError.damaged(
                path: "",
                reason:
                    "column \(column) holds \(Self.shown(self[column] as DatabaseValue)), not \(Self.expected(T.self))")
        }
    }

    /// The text of `column` parsed by `parse` (a digest, a date, a name…).
    func parsed<T>(_ column: String, _ parse: (String) throws -> T) throws -> T {
        let text: String = try value(column)
        do {
            return try parse(text)
        } catch {
            throw StoreError.damaged(
                path: "", reason: "column \(column) holds \(Self.shown(text.databaseValue)): \(error)")
        }
    }

    /// The text of a nullable `column` parsed by `parse`, or nil when it is NULL.
    func parsedIfPresent<T>(_ column: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text: String = try value(column) else { return nil }
        do {
            return try parse(text)
        } catch {
            throw StoreError.damaged(
                path: "", reason: "column \(column) holds \(Self.shown(text.databaseValue)): \(error)")
        }
    }

    /// The text of `column` as one of `T`'s cases.
    func known<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        let text: String = try value(column)
        guard let known = T(rawValue: text) else {
            throw StoreError.damaged(
                path: "", reason: "column \(column) holds \(Self.shown(text.databaseValue)), not a known value")
        }
        return known
    }

    /// A stored value as a message shows it: short, quoted, no control characters.
    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .blob(let data): return "a \(data.count)-byte blob"
        case .string(let text):
            let visible = text.unicodeScalars.prefix(40).map { scalar in
                FreeText.isHidden(scalar) ? "?" : String(scalar)
            }.joined()
            return "'" + visible + (text.unicodeScalars.count > 40 ? "…" : "") + "'"
        }
    }

    private static func expected<T>(_ type: T.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String", "Optional<String>": return "text"
        case "Int", "Int64", "Optional<Int>", "Optional<Int64>": return "an integer"
        case "Double", "Optional<Double>": return "a number"
        case "Data", "Optional<Data>": return "a blob"
        default: return name
        }
    }
}
