/// The ggml tensor types GGUF files use: number → name, elements per block and bytes per block
/// (ggml.h's `ggml_type` and gguf-py's `GGML_QUANT_SIZES`; `ModelFixtureTests` compares this table
/// with the one gguf 0.19 ships). A tensor of `n` elements of a type takes n / block × bytes bytes.
enum GGUFTypes {
    struct Layout: Equatable {
        let name: String
        let block: UInt64
        let bytes: UInt64
    }

    static let table: [UInt32: Layout] = [
        0: Layout(name: "F32", block: 1, bytes: 4), 1: Layout(name: "F16", block: 1, bytes: 2),
        2: Layout(name: "Q4_0", block: 32, bytes: 18), 3: Layout(name: "Q4_1", block: 32, bytes: 20),
        6: Layout(name: "Q5_0", block: 32, bytes: 22), 7: Layout(name: "Q5_1", block: 32, bytes: 24),
        8: Layout(name: "Q8_0", block: 32, bytes: 34), 9: Layout(name: "Q8_1", block: 32, bytes: 40),
        10: Layout(name: "Q2_K", block: 256, bytes: 84), 11: Layout(name: "Q3_K", block: 256, bytes: 110),
        12: Layout(name: "Q4_K", block: 256, bytes: 144), 13: Layout(name: "Q5_K", block: 256, bytes: 176),
        14: Layout(name: "Q6_K", block: 256, bytes: 210), 15: Layout(name: "Q8_K", block: 256, bytes: 292),
        16: Layout(name: "IQ2_XXS", block: 256, bytes: 66), 17: Layout(name: "IQ2_XS", block: 256, bytes: 74),
        18: Layout(name: "IQ3_XXS", block: 256, bytes: 98), 19: Layout(name: "IQ1_S", block: 256, bytes: 50),
        20: Layout(name: "IQ4_NL", block: 32, bytes: 18), 21: Layout(name: "IQ3_S", block: 256, bytes: 110),
        22: Layout(name: "IQ2_S", block: 256, bytes: 82), 23: Layout(name: "IQ4_XS", block: 256, bytes: 136),
        24: Layout(name: "I8", block: 1, bytes: 1), 25: Layout(name: "I16", block: 1, bytes: 2),
        26: Layout(name: "I32", block: 1, bytes: 4), 27: Layout(name: "I64", block: 1, bytes: 8),
        28: Layout(name: "F64", block: 1, bytes: 8), 29: Layout(name: "IQ1_M", block: 256, bytes: 56),
        30: Layout(name: "BF16", block: 1, bytes: 2), 34: Layout(name: "TQ1_0", block: 256, bytes: 54),
        35: Layout(name: "TQ2_0", block: 256, bytes: 66), 39: Layout(name: "MXFP4", block: 32, bytes: 17),
        40: Layout(name: "NVFP4", block: 64, bytes: 36), 41: Layout(name: "Q1_0", block: 128, bytes: 18),
    ]
}
