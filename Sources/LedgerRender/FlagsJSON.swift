import Foundation
import LedgerCore
import LedgerUseCases

/// `flags --json`, written directly: a ledger of 100,000 artifacts has hundreds of thousands of
/// findings, and Foundation's JSONEncoder takes seconds over them. The document is the same as
/// encoding `FlagsView` (a test compares the two); each finding is on a line of its own.
public enum FlagsJSON {
    /// The whole document in memory (tests).
    public static func bytes(_ report: FlagsReport) throws -> [UInt8] {
        var all: [UInt8] = []
        try write(report) { all += $0 }
        return all
    }

    /// Writes the document in chunks, through `FlagsWriter`.
    public static func write(_ report: FlagsReport, to sink: ([UInt8]) -> Void) throws {
        let writer = FlagsWriter(.json)
        try report.entries.forEach(writer.add)
        try writer.finish(report.summary, to: sink)
    }

    static func finding(_ view: FindingView, into out: inout [UInt8]) {
        var first = true
        func key(_ name: String) {
            out.append(contentsOf: (first ? "{\"" : ",\"").utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: "\":".utf8)
            first = false
        }
        func strings(_ values: [String]) {
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(value, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        func optional(_ value: String?) {
            if let value { string(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        key("artifact")
        string(view.artifact.value, into: &out)
        key("citation")
        string(view.citation, into: &out)
        key("code")
        string(view.code, into: &out)
        key("date")
        string(view.date.description, into: &out)
        key("deployment")
        out.append(contentsOf: (view.deployment.value.map(String.init) ?? "null").utf8)
        key("destination")
        optional(view.destination.value?.code)
        key("determined")
        out.append(contentsOf: (view.determined ? "true" : "false").utf8)
        key("enforced")
        out.append(contentsOf: (view.enforced ? "true" : "false").utf8)
        key("explanation")
        string(view.explanation, into: &out)
        key("missingCompute")
        strings(view.missingCompute.map(\.value))
        key("names")
        strings(view.names.map(\.description))
        key("pack")
        string(view.pack, into: &out)
        key("packVersion")
        string(view.packVersion, into: &out)
        key("requires")
        string(view.requires.rawValue, into: &out)
        key("resolvedBy")
        optional(view.resolvedBy.value)
        key("rule")
        string(view.rule, into: &out)
        key("ruleRequires")
        string(view.ruleRequires.rawValue, into: &out)
        key("severity")
        string(view.severity.rawValue, into: &out)
        key("title")
        string(view.title, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string (RFC 8259): quotes, backslashes and control characters escaped, UTF-8 as is.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it in one go.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
