import Foundation
import Testing

@testable import LedgerCore

/// A registration read straight from its nodes (`ArtifactRegistered.direct`) is the value
/// Foundation's `JSONDecoder` makes through `init(from:)`, and whatever it does not take is left
/// to `init(from:)`: for a table of registrations and damaged ones, `LedgerEvent.decode` and the
/// direct reading agree with Foundation (the same value, or both refuse).
@Suite struct PayloadDirectTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)
    static let parent = "sha256:" + String(repeating: "0c", count: 32)

    /// A fine-tune as `register` writes it, every optional part of the shape the direct reading takes.
    static let base = [
        #"{"digest":"\#(digest)","files":[{"path":"model.safetensors","sha256":"\#(digest)","size":1024}],"#,
        #""form":"file","location":"/models/m.safetensors","names":["team/model:v1"],"sizeBytes":1024,"#,
        #""training":{"compute":{"inputs":{"accelerator":"h100","count":8,"hours":10.5,"parameters":7e9,"#,
        #""peakFlopsPerSecond":9.89e14,"peakSource":"datasheet","precision":"bf16","tokens":1e12,"#,
        #""utilization":0.4,"parametersCounted":"active","estimator":"tool"},"method":"hardware","#,
        #""operations":1.2e23},"developer":"Acme Labs","externalParents":["meta-llama/Llama-3"],"#,
        #""finished":"2025-02-01","kind":"finetune","parents":["\#(parent)"],"site":"Frankfurt","#,
        #""started":"2025-01-01","trainedIn":"DE"}}"#,
    ].joined()

    /// `base` with `old` replaced by `new` (the text must hold `old` once).
    static func edit(_ old: String, _ new: String) -> String {
        precondition(base.components(separatedBy: old).count == 2, "\(old) is not in the base once")
        return base.replacingOccurrences(of: old, with: new)
    }

    static let texts: [String] = [
        base,
        // The shortest registration: no location, no developer, empty inputs, a pretrain.
        #"{"digest":"\#(digest)","files":[],"form":"directory","names":[],"sizeBytes":0,"#
            + #""training":{"compute":{"inputs":{},"method":"unknown"},"kind":"pretrain","parents":[]}}"#,
        // Publications, which init(from:) takes without the checks of a new one.
        edit(#""kind":"finetune""#, #""kind":"finetune","published":{"url":"https://example.org/m"}"#),
        edit(#""kind":"finetune""#, #""kind":"finetune","published":{"url":"not a url","date":"2025-03-01"}"#),
        edit(#""kind":"finetune""#, #""kind":"finetune","published":null"#),
        edit(#""kind":"finetune""#, #""kind":"finetune","published":{"url":1}"#),
        edit(#""kind":"finetune""#, #""kind":"finetune","published":{"date":"2025-03-01"}"#),
        edit(#""kind":"finetune""#, #""kind":"finetune","published":{"url":"https://e.org","date":"2025-02-30"}"#),
        // The digest: absent, null, not a string, not canonical but accepted, refused, escaped.
        edit(#"{"digest":"\#(digest)","#, "{"),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":null,"#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":5,"#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"SHA256:\#(String(repeating: "AB", count: 32))","#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"\#(String(repeating: "ab", count: 32))","#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"sha256:abc","#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"sha256:\#(String(repeating: "ab", count: 31))ag","#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"sha256\u003a\#(String(repeating: "ab", count: 32))","#),
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"\#(digest) ","#),
        // Repeated and escaped keys, keys no reader knows.
        edit(#"{"digest":"\#(digest)","#, #"{"digest":"\#(parent)","digest":"\#(digest)","#),
        edit(#"{"digest":"\#(digest)","#, #"{"\u0064igest":"\#(digest)","#),
        edit(#""form":"file","#, #""form":"file","extra":{"deep":[1,2,{"x":null}]},"#),
        edit(#""site":"Frankfurt","#, #""site":"Frankfurt","unknown":true,"#),
        // The form, the size.
        edit(#""form":"file","#, #""form":"dir","#),
        edit(#""form":"file","#, ""),
        edit(#""sizeBytes":1024"#, #""sizeBytes":1.0"#),
        edit(#""sizeBytes":1024"#, #""sizeBytes":1e3"#),
        edit(#""sizeBytes":1024"#, #""sizeBytes":1.5"#),
        edit(#""sizeBytes":1024"#, #""sizeBytes":"1024""#),
        edit(#""sizeBytes":1024"#, #""sizeBytes":9223372036854775808"#),
        edit(#""sizeBytes":1024"#, #""sizeBytes":-1"#),
        // Files and names.
        edit(#","size":1024}]"#, "}]"),
        edit(#","size":1024}]"#, #","size":1024},null]"#),
        edit(#","size":1024}]"#, #","size":1024,"size":7}]"#),
        edit(#""path":"model.safetensors""#, #""path":"caf\u00e9\n.bin""#),
        edit(#""names":["team/model:v1"]"#, #""names":["team/model:v1","team/model"]"#),
        edit(#""names":["team/model:v1"]"#, #""names":["bad name!"]"#),
        edit(#""names":["team/model:v1"]"#, #""names":null"#),
        edit(#""names":["team/model:v1"]"#, #""names":"team/model:v1""#),
        // Location.
        edit(#""location":"/models/m.safetensors","#, #""location":null,"#),
        edit(#""location":"/models/m.safetensors","#, #""location":5,"#),
        // The training record, which init(from:) takes without the checks of a new record.
        edit(#""kind":"finetune""#, #""kind":"fine-tune""#),
        edit(#""kind":"finetune""#, #""kind":"pretrain""#),
        edit(#""parents":["\#(parent)"]"#, #""parents":["\#(parent)","\#(parent)"]"#),
        edit(#""parents":["\#(parent)"]"#, #""parents":null"#),
        edit(#""parents":["\#(parent)"]"#, #""parents":["nope"]"#),
        edit(#""trainedIn":"DE""#, #""trainedIn":"de""#),
        edit(#""trainedIn":"DE""#, #""trainedIn":"XX""#),
        edit(#""trainedIn":"DE""#, #""trainedIn":null"#),
        edit(#""trainedIn":"DE""#, #""trainedIn":["DE"]"#),
        edit(#""started":"2025-01-01""#, #""started":"2025-03-01""#),
        edit(#""started":"2025-01-01""#, #""started":"2025-1-1""#),
        edit(#""started":"2025-01-01""#, #""started":null"#),
        edit(#""developer":"Acme Labs""#, #""developer":" Acme Labs""#),
        edit(#""developer":"Acme Labs""#, #""developer":"\#(String(repeating: "a", count: 121))""#),
        edit(#""developer":"Acme Labs""#, #""developer":"Acme\u202eLabs""#),
        edit(#""developer":"Acme Labs""#, #""developer":"Caf\u00e9 Labs""#),
        edit(#""externalParents":["meta-llama/Llama-3"]"#, #""externalParents":[]"#),
        edit(#""externalParents":["meta-llama/Llama-3"]"#, #""externalParents":[1]"#),
        edit(#""externalParents":["meta-llama/Llama-3"]"#, #""externalParents":null"#),
        edit(#""site":"Frankfurt""#, #""site":{}"#),
        edit(#","training":{"#, #","training":null,"x":{"#),
        // Compute.
        edit(#""operations":1.2e23"#, #""operations":null"#),
        edit(#","operations":1.2e23"#, ""),
        edit(#""operations":1.2e23"#, #""operations":1e400"#),
        edit(#""operations":1.2e23"#, #""operations":-0.0"#),
        edit(#""operations":1.2e23"#, #""operations":"1.2e23""#),
        edit(#""method":"hardware""#, #""method":"6ND""#),
        edit(#""method":"hardware""#, #""method":"estimate""#),
        edit(#""method":"hardware""#, #""method":"guess""#),
        edit(#""method":"hardware","#, ""),
        edit(#""count":8,"#, #""count":"8","#),
        edit(#""count":8,"#, #""count":null,"#),
        edit(#""utilization":0.4"#, #""utilization":4e-1"#),
        edit(#""precision":"bf16","#, #""precision":true,"#),
        // The parts left to init(from:): absent or null here, present below.
        edit(
            #""sizeBytes":1024,"#,
            #""sizeBytes":1024,"model":null,"hashing":null,"origin":null,"card":null,"signature":null,"#),
        edit(#""sizeBytes":1024,"#, #""sizeBytes":1024,"model":5,"#),
        edit(
            #""sizeBytes":1024,"#,
            #""sizeBytes":1024,"model":{"format":"safetensors","parameters":7,"dtypes":{"F32":7},"#
                + #""tensors":1,"files":1},"#
        ),
        edit(#""sizeBytes":1024,"#, #""sizeBytes":1024,"signature":{},"#),
        // Not an object at all.
        "[]", "null", #""text""#,
    ]

    static func direct(_ text: String) -> ArtifactRegistered? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            guard let document = try? PayloadDocument(buffer) else { return nil }
            return ArtifactRegistered.direct(0, in: document)
        }
    }

    @Test(arguments: texts)
    func registrationsAsFoundationDecodesThem(_ text: String) {
        let bytes = Array(text.utf8)
        let theirs = Result { try JSONDecoder().decode(ArtifactRegistered.self, from: Data(bytes)) }
        let ours = Result { try LedgerEvent.decode(type: "artifact.registered", payload: bytes) }
        switch (theirs, ours) {
        case (.success(let expected), .success(.artifactRegistered(let decoded))): #expect(decoded == expected)
        case (.failure, .failure): break
        default: Issue.record("Foundation: \(theirs); ours: \(ours)")
        }
        // A value read directly is Foundation's value: never one where Foundation refuses.
        if let read = Self.direct(text) { #expect(read == (try? theirs.get()), "read directly: \(read)") }
    }

    /// The table reaches the direct reading (not only `init(from:)` behind it), and the reading
    /// leaves to `init(from:)` what it does not take.
    @Test func theDirectReadingTakesThePlainShapeAndLeavesTheRest() throws {
        // Of the registrations Foundation accepts, the direct reading leaves only those with a key
        // written with an escape or a part it leaves to init(from:) (model headers and the like).
        let accepted = Self.texts.filter {
            (try? JSONDecoder().decode(ArtifactRegistered.self, from: Data($0.utf8))) != nil
        }
        let left = accepted.filter { Self.direct($0) == nil }
        #expect(accepted.count >= 35, "\(accepted.count) accepted")
        #expect(
            left.allSatisfy { $0.contains(#"\u0064igest"#) || $0.contains(#""model":{"#) },
            "left to init(from:): \(left)")
        let base = try #require(Self.direct(Self.base))
        #expect(base.training.compute.inputs.peakSource == "datasheet")
        #expect(base.training.externalParents == ["meta-llama/Llama-3"])
        #expect(base.location == "/models/m.safetensors")
        for left in [
            Self.edit(#"{"digest":"\#(Self.digest)","#, #"{"\u0064igest":"\#(Self.digest)","#),
            Self.edit(#""sizeBytes":1024,"#, #""sizeBytes":1024,"model":5,"#),
            Self.edit(#""digest":"\#(Self.digest)","#, #""digest":"sha256:abc","#),
        ] {
            #expect(Self.direct(left) == nil, "\(left.prefix(60))")
        }
    }
}
