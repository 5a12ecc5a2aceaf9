import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases
import ModelFiles

/// The demo's story: an open base model, a closed US frontier model and what was made from
/// them abroad. Each step is a real registration with a real (tiny) safetensors file.
public struct DemoStory {
    /// One registration: the files to write and the request, as a person would type it.
    public struct Step: Sendable {
        /// What the step is, in a sentence.
        public let title: String
        /// Where the step's file or directory is written.
        public let path: String
        /// The facts, as `register` options would give them.
        public let facts: Registration.Draft
        /// The `weightledger register` command a person would type.
        public let command: String
        let files: [(name: String, bytes: [UInt8])]
    }

    /// Where the model files are written.
    public let modelsDirectory: String

    /// The story with its files below `modelsDirectory`.
    public init(modelsDirectory: String) { self.modelsDirectory = modelsDirectory }

    /// An organisation of the story: who makes, ships and receives the weights.
    public struct Party: Sendable {
        /// Its name.
        public let name: String
        /// Headquarters country.
        public let hq: String
        /// The organisation it belongs to.
        public let parent: String?
        /// Revenue in US dollars for `revenueYear`.
        public let revenueUSD: Double?
        /// The year of `revenueUSD`.
        public let revenueYear: Int?

        /// The `weightledger org add` command a person would type.
        public var command: String {
            var words = ["weightledger org add '\(name)' --hq \(hq)"]
            if let parent { words.append("--parent-org '\(parent)'") }
            if let revenueUSD, let revenueYear {
                words.append("--revenue-usd \(ECMAScriptNumber.format(revenueUSD)) --revenue-year \(revenueYear)")
            }
            return words.joined(separator: " ")
        }
    }

    /// The US lab that trains the frontier model.
    public static let lab = "Acme AI Inc."
    /// Its Singapore subsidiary, which tunes and quantizes.
    public static let subsidiary = "Acme Asia Pte. Ltd."
    /// The UK firm that tunes the frontier model for legal work (a downstream modifier).
    public static let legalFirm = "Lex Analytics Ltd"
    /// The French lab of the open base model.
    public static let openLab = "OpenLab SAS"

    /// The organisations, parents first.
    public static let parties: [Party] = [
        Party(name: lab, hq: "US", parent: nil, revenueUSD: 2.4e9, revenueYear: 2025),
        Party(name: subsidiary, hq: "SG", parent: lab, revenueUSD: nil, revenueYear: nil),
        Party(name: openLab, hq: "FR", parent: nil, revenueUSD: 3.5e7, revenueYear: 2025),
        Party(name: "Example Bank Ltd", hq: "IN", parent: nil, revenueUSD: nil, revenueYear: nil),
        Party(name: legalFirm, hq: "GB", parent: nil, revenueUSD: 8e7, revenueYear: 2025),
    ]

    /// Names the steps refer to; `lineage` and `show` in the demo start from these.
    public static let frontierName = "acme/frontier-1:base"
    /// The merge of the two fine-tunes.
    public static let mergeName = "acme/frontier-1-merged:v1"

    /// Every registration, in order; the last repeats the first bytes under another name.
    public var steps: [Step] {
        let base = SafetensorsWriter.transformer(hidden: 32, layers: 2, vocab: 64, dtype: "BF16")
        let frontier = SafetensorsWriter.transformer(hidden: 48, layers: 2, vocab: 64, dtype: "BF16")
        let half = frontier.count / 2
        let shards = [
            ("model-00001-of-00002.safetensors", Array(frontier[..<half]), UInt64(2)),
            ("model-00002-of-00002.safetensors", Array(frontier[half...]), UInt64(3)),
        ]
        let shardFiles = shards.map {
            ($0.0, SafetensorsWriter.bytes(tensors: $0.1, metadata: ["format": "pt"], seed: $0.2))
        }
        let index = SafetensorsWriter.index(shards: shards.map { ($0.0, $0.1) })
        return [
            step(
                "An open base model pretrained in France (its publication on a model hub is recorded later)",
                path: "atlas-7b.safetensors",
                files: [("", SafetensorsWriter.bytes(tensors: base, metadata: ["format": "pt"], seed: 1))],
                names: ["openlab/atlas-7b:v1"], kind: "pretrain", trainedIn: "FR", site: "Paris, Jean Zay",
                compute: ComputeDraft(parameters: 7e9, tokens: 2e12),
                computeFlags: "--params 7e9 --tokens 2e12", developer: DemoStory.openLab),
            step(
                "A closed frontier pretrain in the US (a sharded directory)",
                path: "frontier-1",
                files: shardFiles + [
                    ("model.safetensors.index.json", index),
                    ("config.json", Array(#"{"architectures":["LlamaForCausalLM"],"hidden_size":48}"#.utf8)),
                ],
                names: [DemoStory.frontierName], kind: "pretrain", trainedIn: "US", site: "Council Bluffs, Iowa",
                compute: ComputeDraft(accelerator: "H100-SXM", count: 50_000, hours: 4_200, utilization: 0.4),
                computeFlags: "--accelerator H100-SXM --count 50000 --hours 4200 --utilization 0.4",
                started: "2025-06-01", finished: "2025-11-24", developer: DemoStory.lab),
            step(
                "A fine-tune of it in Singapore",
                path: "frontier-1-support.safetensors",
                files: [("", SafetensorsWriter.bytes(tensors: frontier, seed: 4))],
                names: ["acme/frontier-1-support:v1"], kind: "finetune", parents: [DemoStory.frontierName],
                trainedIn: "SG",
                site: "Singapore, Jurong West", compute: ComputeDraft(operations: 2.4e24),
                computeFlags: "--compute 2.4e24", developer: DemoStory.subsidiary),
            step(
                "A 4-bit quantized copy of the fine-tune (same weights, another form)",
                path: "frontier-1-support-int4.safetensors",
                files: [
                    (
                        "",
                        SafetensorsWriter.bytes(
                            tensors: SafetensorsWriter.transformer(hidden: 48, layers: 2, vocab: 64, dtype: "U8"),
                            metadata: ["quantization": "int4", "group_size": "128"], seed: 5)
                    )
                ],
                names: ["acme/frontier-1-support:int4"], kind: "quantize", parents: ["acme/frontier-1-support:v1"],
                trainedIn: "SG",
                compute: ComputeDraft(operations: 0), computeFlags: "--compute 0", developer: DemoStory.subsidiary),
            step(
                "A fine-tune in the UK by another company, whose compute nobody recorded",
                path: "frontier-1-legal.safetensors",
                files: [("", SafetensorsWriter.bytes(tensors: frontier, seed: 6))],
                names: ["acme/frontier-1-legal:v1"], kind: "finetune", parents: [DemoStory.frontierName],
                trainedIn: "GB",
                compute: ComputeDraft(), computeFlags: "", developer: DemoStory.legalFirm),
            step(
                "A merge of the two fine-tunes (a diamond: the frontier model is counted once)",
                path: "frontier-1-merged.safetensors",
                files: [("", SafetensorsWriter.bytes(tensors: frontier, seed: 7))],
                names: [DemoStory.mergeName], kind: "merge",
                parents: ["acme/frontier-1-support:v1", "acme/frontier-1-legal:v1"],
                trainedIn: "US", compute: ComputeDraft(operations: 0), computeFlags: "--compute 0",
                developer: DemoStory.lab),
            step(
                "A LoRA adapter on the open base model, trained in India",
                path: "atlas-7b-kyc-lora.safetensors",
                files: [
                    (
                        "",
                        SafetensorsWriter.bytes(
                            tensors: [
                                .init("base_model.model.layers.0.self_attn.q_proj.lora_A.weight", "F32", [8, 32]),
                                .init("base_model.model.layers.0.self_attn.q_proj.lora_B.weight", "F32", [32, 8]),
                            ], metadata: ["format": "pt", "peft_type": "LORA"], seed: 8)
                    )
                ],
                names: ["bank/atlas-7b-kyc-lora:v1"], kind: "adapter", parents: ["openlab/atlas-7b:v1"],
                trainedIn: "IN",
                site: "Mumbai", compute: ComputeDraft(parameters: 4e6, tokens: 5e9),
                computeFlags: "--params 4e6 --tokens 5e9", developer: "Example Bank Ltd"),
            step(
                "A GGUF export of the open base model for llama.cpp (same weights, another form; parameters counted "
                    + "from the header)",
                path: "atlas-7b-q8_0.gguf",
                files: [
                    (
                        "",
                        GGUFWriter.bytes(
                            metadata: [
                                ("general.architecture", .string("llama")), ("general.name", .string("Atlas 7B")),
                                ("tokenizer.ggml.tokens", .strings(["<s>", "</s>", "atlas"])),
                            ],
                            tensors: [
                                GGUFWriter.Tensor("token_embd.weight", [32, 64], "Q8_0"),
                                GGUFWriter.Tensor("blk.0.attn_q.weight", [32, 32], "Q8_0"),
                                GGUFWriter.Tensor("output_norm.weight", [32], "F32"),
                            ], seed: 9)
                    )
                ],
                names: ["openlab/atlas-7b:q8_0-gguf"], kind: "convert", parents: ["openlab/atlas-7b:v1"],
                trainedIn: "FR",
                compute: ComputeDraft(operations: 0), computeFlags: "--compute 0", developer: DemoStory.openLab),
            step(
                "The same base-model bytes again, under another name: no second artifact",
                path: "atlas-7b.safetensors", files: [], names: ["openlab/atlas-7b:latest"], computeFlags: ""),
        ]
    }

    /// Writes every step's files below `modelsDirectory` (same bytes on every run).
    public func writeFiles() throws {
        for step in steps {
            for file in step.files {
                let path = file.name.isEmpty ? step.path : step.path + "/" + file.name
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    private func step(
        _ title: String, path: String, files: [(String, [UInt8])], names: [String], kind: String? = nil,
        parents: [String] = [], trainedIn: String? = nil, site: String? = nil, compute: ComputeDraft = ComputeDraft(),
        computeFlags: String, published: String? = nil, publishedOn: String? = nil,
        started: String? = nil, finished: String? = nil, developer: String? = nil
    ) -> Step {
        let facts = Registration.Draft(
            names: names, kind: kind, parents: parents.isEmpty ? nil : parents, trainedIn: trainedIn,
            site: site, compute: compute.isEmpty ? nil : compute, published: published,
            publishedOn: publishedOn, started: started, finished: finished, developer: developer)
        var words = ["weightledger register", path]
        words += names.map { "--name \($0)" }
        if let kind { words.append("--kind \(kind)") }
        words += parents.map { "--parent \($0)" }
        if let trainedIn { words.append("--trained-in \(trainedIn)") }
        if let site { words.append("--site '\(site)'") }
        if !computeFlags.isEmpty { words.append(computeFlags) }
        if let published { words.append("--published \(published)") }
        if let publishedOn { words.append("--published-on \(publishedOn)") }
        if let started { words.append("--started \(started)") }
        if let finished { words.append("--finished \(finished)") }
        if let developer { words.append("--developer '\(developer)'") }
        return Step(
            title: title, path: modelsDirectory + "/" + path, facts: facts, command: words.joined(separator: " "),
            files: files.map { (name: $0.0, bytes: $0.1) })
    }
}
