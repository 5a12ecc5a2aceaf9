import Foundation
import Testing

@testable import LedgerCore

/// RFC 8785 (JCS) known answers. Number vectors are the RFC's Appendix B (checked against
/// node's Number.prototype.toString); object vectors are §3.2.2 and §3.2.3.
@Suite struct CanonicalJSONTests {
    static let appendixB: [(bits: UInt64, expected: String)] = [
        (0x0000_0000_0000_0000, "0"), (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"), (0x8000_0000_0000_0001, "-5e-324"),
        (0x7fef_ffff_ffff_ffff, "1.7976931348623157e+308"), (0xffef_ffff_ffff_ffff, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"), (0xc340_0000_0000_0000, "-9007199254740992"),
        (0x4430_0000_0000_0000, "295147905179352830000"), (0x44b5_2d02_c7e1_4af5, "9.999999999999997e+22"),
        (0x44b5_2d02_c7e1_4af6, "1e+23"), (0x44b5_2d02_c7e1_4af7, "1.0000000000000001e+23"),
        (0x444b_1ae4_d6e2_ef4e, "999999999999999700000"), (0x444b_1ae4_d6e2_ef4f, "999999999999999900000"),
        (0x444b_1ae4_d6e2_ef50, "1e+21"), (0x3eb0_c6f7_a0b5_ed8c, "9.999999999999997e-7"),
        (0x3eb0_c6f7_a0b5_ed8d, "0.000001"), (0x41b3_de43_5555_5553, "333333333.3333332"),
        (0x41b3_de43_5555_5554, "333333333.33333325"), (0x41b3_de43_5555_5555, "333333333.3333333"),
        (0x41b3_de43_5555_5556, "333333333.3333334"), (0x41b3_de43_5555_5557, "333333333.33333343"),
        (0xbecb_f647_612f_3696, "-0.0000033333333333333333"), (0x4314_3ff3_c1cb_0959, "1424953923781206.2"),
    ]

    @Test(arguments: appendixB)
    func numberSerialization(bits: UInt64, expected: String) throws {
        let value = Double(bitPattern: bits)
        #expect(ECMAScriptNumber.format(value) == expected)
        #expect(try CanonicalJSON.bytes(of: .number(value)) == Array(expected.utf8))
    }

    @Test(arguments: [0x7fff_ffff_ffff_ffff, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000] as [UInt64])
    func nonFiniteNumbersHaveNoCanonicalForm(bits: UInt64) {
        #expect(throws: CanonicalJSON.Failure.self) { try CanonicalJSON.bytes(of: .number(Double(bitPattern: bits))) }
    }

    @Test func section322Example() throws {
        let input =
            #"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}"#
        let expected =
            #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(String(decoding: try CanonicalJSON.canonicalize(Array(input.utf8)), as: UTF8.self) == expected)
    }

    @Test func section323SortsByUTF16CodeUnits() throws {
        let input =
            #"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}"#
        let expectedHex =
            "7b225c72223a2243617272696167652052657475726e222c2231223a224f6e65222c22c280223a22436f6e74726f6c222c22c3b6223a224c6174696e20536d616c6c204c6574746572204f205769746820446961657265736973222c22e282ac223a224575726f205369676e222c22f09f9880223a22456d6f6a693a204772696e6e696e672046616365222c22efacb3223a22486562726577204c65747465722044616c6574205769746820446167657368227d"
        let bytes = try CanonicalJSON.canonicalize(Array(input.utf8))
        #expect(bytes.map { String(format: "%02x", $0) }.joined() == expectedHex)
    }

    @Test func encodableValuesAreCanonicalized() throws {
        struct Sample: Encodable {
            let zeta = 1.0
            let alpha = "x"
            let big = 3e26
            let list = [2, 1]
        }
        #expect(
            String(decoding: try CanonicalJSON.bytes(encoding: Sample()), as: UTF8.self)
                == #"{"alpha":"x","big":3e+26,"list":[2,1],"zeta":1}"#)
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#, #"["\ud800"]"#, #"["\udc00"]"#, "[1,]", "01", "1e999", #"{"a" 1}"#, "[\"\u{01}\"]", "tru",
        "[1] x", "",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ])
    func parserRefusesWhatHasNoCanonicalForm(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func parserReadsEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#"{"k":"\ud83d\ude00\n\/","n":-1.5e3,"b":[true,false,null]}"#.utf8))
        #expect(value["k"]?.stringValue == "😀\n/")
        #expect(value["n"]?.numberValue == -1500)
        #expect(value["b"] == .array([.bool(true), .bool(false), .null]))
    }
}
