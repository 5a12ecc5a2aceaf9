#!/usr/bin/env python3
"""Writes the model-file fixtures of Tests/ModelFilesTests/Fixtures with the real libraries, and
expected.json with what those libraries read back from each file (their own readers, not ours).

Pinned: safetensors==0.8.0, gguf==0.19.0, onnx==1.23.2, numpy (any 2.x). Run in a venv:
    python3 -m venv /tmp/fx && /tmp/fx/bin/pip install safetensors==0.8.0 gguf==0.19.0 onnx==1.23.2 numpy
    /tmp/fx/bin/python scripts/make-model-fixtures.py
The files are a few kilobytes each; ModelFixtureTests reads them with our readers and compares.
"""
import json
import os
import shutil
import sys

import numpy as np
import gguf
import safetensors
from safetensors import serialize_file, safe_open, TensorSpec
from safetensors.numpy import save_file

OUT = os.environ.get("WL_FIXTURES_OUT") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ModelFilesTests", "Fixtures")


def st_expected(path):
    """Parameters and dtypes as safetensors itself reads the header."""
    total, dtypes = 0, {}
    with open(path, "rb") as handle:
        length = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(length))
    for name, info in header.items():
        if name == "__metadata__":
            continue
        count = int(np.prod(info["shape"])) if info["shape"] else 1
        total += count
        dtypes[info["dtype"]] = dtypes.get(info["dtype"], 0) + count
    return {"parameters": total, "dtypes": dtypes, "tensors": len([k for k in header if k != "__metadata__"])}


def fnuz():
    """FP8 'fnuz' dtypes (AMD's), written through the library's TensorSpec, beside BF16."""
    path = os.path.join(OUT, "fnuz.safetensors")
    buffers = {name: np.arange(size, dtype=np.uint8) for name, size in [("a", 32), ("b", 8), ("c", 8)]}
    specs = {
        "layer.a": TensorSpec(dtype="float8_e4m3fnuz", shape=[4, 8], data_ptr=buffers["a"].ctypes.data, data_len=32),
        "layer.b": TensorSpec(dtype="float8_e5m2fnuz", shape=[8], data_ptr=buffers["b"].ctypes.data, data_len=8),
        "layer.c": TensorSpec(dtype="bfloat16", shape=[4], data_ptr=buffers["c"].ctypes.data, data_len=8),
    }
    serialize_file(specs, path, None)
    with safe_open(path, framework="numpy") as handle:  # the library reads its own file back
        assert sorted(handle.keys()) == sorted(specs)
    return st_expected(path)


def variants():
    """The same weights twice: model.safetensors (F32) and model.fp16.safetensors (F16)."""
    folder = os.path.join(OUT, "variants")
    os.makedirs(folder, exist_ok=True)
    weights = {"embed.weight": np.ones((8, 4), dtype=np.float32), "head.weight": np.ones((4, 8), dtype=np.float32)}
    save_file(weights, os.path.join(folder, "model.safetensors"))
    save_file({k: v.astype(np.float16) for k, v in weights.items()}, os.path.join(folder, "model.fp16.safetensors"))
    one = st_expected(os.path.join(folder, "model.safetensors"))
    return {"parameters": one["parameters"], "variants": ["model.safetensors", "model.fp16.safetensors"]}


def hf_folder(name, config, tensors):
    """A Hugging Face model folder: config.json as transformers writes it and model.safetensors."""
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as handle:
        json.dump(config, handle, indent=2, sort_keys=True)
    save_file(tensors, os.path.join(folder, "model.safetensors"))
    return folder


def quantized():
    """Packed 4-bit layouts as GPTQ, AWQ and bitsandbytes store them (names, dtypes and shapes of
    AutoGPTQ, AutoAWQ and bitsandbytes' serialisation), written with safetensors, and the logical
    parameter counts they stand for: packed int32 words hold 32 / bits values; bitsandbytes packs
    two 4-bit values per uint8; scales, zeros, g_idx, absmax and quant maps are not parameters."""
    hidden, inter, vocab, bits = 64, 128, 32, 4
    dense = {"model.embed_tokens.weight": np.ones((vocab, hidden), np.float16),
             "model.norm.weight": np.ones((hidden,), np.float16)}
    logical = vocab * hidden + hidden + 2 * hidden * inter  # embeddings, norm, up and down
    per_word = 32 // bits
    gptq = dict(dense)
    for proj, (rows, cols) in {"up_proj": (hidden, inter), "down_proj": (inter, hidden)}.items():
        base = f"model.layers.0.mlp.{proj}"
        gptq[base + ".qweight"] = np.zeros((rows // per_word, cols), np.int32)  # packed along the input
        gptq[base + ".qzeros"] = np.zeros((rows // 32, cols // per_word), np.int32)
        gptq[base + ".scales"] = np.ones((rows // 32, cols), np.float16)
        gptq[base + ".g_idx"] = np.zeros((rows,), np.int32)
    hf_folder("gptq", {"architectures": ["LlamaForCausalLM"], "model_type": "llama",
                       "quantization_config": {"quant_method": "gptq", "bits": bits, "group_size": 32}}, gptq)
    awq = dict(dense)
    for proj, (rows, cols) in {"up_proj": (hidden, inter), "down_proj": (inter, hidden)}.items():
        base = f"model.layers.0.mlp.{proj}"
        awq[base + ".qweight"] = np.zeros((rows, cols // per_word), np.int32)  # packed along the output
        awq[base + ".qzeros"] = np.zeros((rows // 32, cols // per_word), np.int32)
        awq[base + ".scales"] = np.ones((rows // 32, cols), np.float16)
    hf_folder("awq", {"architectures": ["LlamaForCausalLM"], "model_type": "llama",
                      "quantization_config": {"quant_method": "awq", "bits": bits, "group_size": 32}}, awq)
    bnb = dict(dense)
    for proj, (rows, cols) in {"up_proj": (hidden, inter), "down_proj": (inter, hidden)}.items():
        base = f"model.layers.0.mlp.{proj}.weight"
        bnb[base] = np.zeros((rows * cols // 2, 1), np.uint8)
        bnb[base + ".absmax"] = np.ones((rows * cols // 64,), np.float32)
        bnb[base + ".quant_map"] = np.ones((16,), np.float32)
        bnb[base + ".quant_state.bitsandbytes__nf4"] = np.zeros((64,), np.uint8)
    hf_folder("bnb4", {"architectures": ["LlamaForCausalLM"], "model_type": "llama",
                       "quantization_config": {"quant_method": "bitsandbytes", "load_in_4bit": True,
                                               "bnb_4bit_quant_type": "nf4"}}, bnb)
    unknown = dict(gptq)
    hf_folder("packed-unknown", {"architectures": ["LlamaForCausalLM"], "model_type": "llama"}, unknown)
    return {"gptq": {"parameters": logical, "architecture": "LlamaForCausalLM"},
            "awq": {"parameters": logical, "architecture": "LlamaForCausalLM"},
            "bnb4": {"parameters": logical, "architecture": "LlamaForCausalLM"}}


def mixtral():
    """A mixture of experts as Mixtral's checkpoints name it: 4 experts, 2 per token."""
    hidden, inter, experts = 16, 32, 4
    tensors = {"model.embed_tokens.weight": np.ones((32, hidden), np.float32),
               "model.layers.0.block_sparse_moe.gate.weight": np.ones((experts, hidden), np.float32)}
    for expert in range(experts):
        for w, shape in {"w1": (inter, hidden), "w2": (hidden, inter), "w3": (inter, hidden)}.items():
            tensors[f"model.layers.0.block_sparse_moe.experts.{expert}.{w}.weight"] = np.ones(shape, np.float32)
    hf_folder("mixtral", {"architectures": ["MixtralForCausalLM"], "model_type": "mixtral",
                          "num_local_experts": experts, "num_experts_per_tok": 2}, tensors)
    total = sum(int(np.prod(t.shape)) for t in tensors.values())
    expert_total = sum(int(np.prod(t.shape)) for n, t in tensors.items() if ".experts." in n)
    return {"parameters": total, "activeParameters": total - expert_total + expert_total * 2 // experts,
            "architecture": "MixtralForCausalLM"}


def onnx_models():
    """An ONNX model whose weights are in an external data file (onnx.save_model with
    save_as_external_data), and the same model with its weights inside."""
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    weight = numpy_helper.from_array(np.ones((64, 64), np.float32), name="W")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["X", "W"], ["Y"])], "tiny",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 64])], initializer=[weight])
    model = helper.make_model(graph, producer_name="weightledger-fixtures")
    folder = os.path.join(OUT, "onnx-external")
    shutil.rmtree(folder, ignore_errors=True)  # onnx appends to an existing data file
    os.makedirs(folder)
    onnx.save_model(model, os.path.join(OUT, "inline.onnx"))  # first: saving as external data changes the model
    onnx.save_model(model, os.path.join(folder, "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="model.onnx.data", size_threshold=0)
    onnx.checker.check_model(os.path.join(folder, "model.onnx"))  # the library accepts its own files
    locations = []
    for tensor in onnx.load(os.path.join(folder, "model.onnx"), load_external_data=False).graph.initializer:
        locations += [entry.value for entry in tensor.external_data if entry.key == "location"]
    return {"onnx-external": {"externalData": sorted(set(locations))}, "inline.onnx": {"externalData": []}}


def gguf_expected(paths):
    """Tensor count, parameters and element counts per ggml type as gguf's GGUFReader reads them."""
    total, types, tensors, keys = 0, {}, 0, {}
    for path in paths:
        reader = gguf.GGUFReader(path)
        for tensor in reader.tensors:
            count = int(np.prod([int(d) for d in tensor.shape]))
            total += count
            name = tensor.tensor_type.name
            types[name] = types.get(name, 0) + count
            tensors += 1
        for field in reader.fields.values():
            if field.name.endswith(("expert_count", "expert_used_count", "split.count")):
                keys[field.name] = int(field.parts[field.data[0]][0])
    return {"parameters": total, "dtypes": types, "tensors": tensors, "keys": keys}


def gguf_file(name, arch="llama", endianess=gguf.GGUFEndian.LITTLE, moe=False, types=False, split=0):
    path = os.path.join(OUT, name)
    writer = gguf.GGUFWriter(path, arch, endianess=endianess, split_max_tensors=split)
    writer.add_name("Fixture " + name)
    writer.add_block_count(1)
    dtype = np.float32
    writer.add_tensor("token_embd.weight", np.ones((16, 8), dtype=dtype))
    writer.add_tensor("output_norm.weight", np.ones((8,), dtype=dtype))
    if moe:
        writer.add_expert_count(4)
        writer.add_expert_used_count(2)
        # Experts stacked in the first dimension: [n_expert, n_ff, n_embd].
        writer.add_tensor("blk.0.ffn_gate_exps.weight", np.ones((4, 12, 8), dtype=dtype))
        writer.add_tensor("blk.0.ffn_up_exps.weight", np.ones((4, 12, 8), dtype=dtype))
        writer.add_tensor("blk.0.ffn_down_exps.weight", np.ones((4, 8, 12), dtype=dtype))
        writer.add_tensor("blk.0.ffn_gate_inp.weight", np.ones((4, 8), dtype=dtype))
    if types:
        # Every block-quantized type gguf can write here, as raw bytes of the right size: the
        # reader must name each and size each tensor by its block layout.
        for qtype in [gguf.GGMLQuantizationType.Q8_0, gguf.GGMLQuantizationType.Q4_K, gguf.GGMLQuantizationType.NVFP4,
                      gguf.GGMLQuantizationType.Q1_0, gguf.GGMLQuantizationType.MXFP4]:
            block, size = gguf.GGML_QUANT_SIZES[qtype]
            raw = np.zeros((3, 2 * size), dtype=np.uint8)  # byte shape: 3 rows of 2 blocks
            writer.add_tensor(f"q.{qtype.name}", raw, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    if split:
        parts = sorted(p for p in os.listdir(OUT) if p.startswith(name[:-5] + "-") and p.endswith(".gguf"))
        return [os.path.join(OUT, p) for p in parts]
    return [path]


def main():
    from importlib.metadata import version
    assert version("safetensors") == "0.8.0" and version("gguf") == "0.19.0", "pinned versions"
    os.makedirs(OUT, exist_ok=True)
    expected = {
        "fnuz.safetensors": fnuz(),
        "variants": variants(),
        "tiny.gguf": gguf_expected(gguf_file("tiny.gguf")),
        "moe.gguf": gguf_expected(gguf_file("moe.gguf", moe=True)),
        "big-endian.gguf": gguf_expected(gguf_file("big-endian.gguf", endianess=gguf.GGUFEndian.BIG)),
        "types.gguf": gguf_expected(gguf_file("types.gguf", types=True)),
    }
    expected |= quantized()
    expected |= onnx_models()
    expected["mixtral"] = mixtral()
    split = gguf_file("split.gguf", moe=True, split=3)
    expected["split"] = gguf_expected(split) | {"files": [os.path.basename(p) for p in split]}
    # Active parameters of the MoE fixture, by the rule the reader documents: every tensor counts
    # once, except expert tensors (name with '_exps'), of which expert_used_count / expert_count count.
    total, active = 0, 0
    for tensor in gguf.GGUFReader(os.path.join(OUT, "moe.gguf")).tensors:
        count = int(np.prod([int(d) for d in tensor.shape]))
        total += count
        active += count * 2 // 4 if "_exps" in tensor.name else count
    expected["moe.gguf"]["activeParameters"] = active
    # Every ggml type gguf knows: number → [name, elements per block, bytes per block].
    expected["ggmlTypes"] = {str(t.value): [t.name, b, s] for t, (b, s) in gguf.GGML_QUANT_SIZES.items()}
    with open(os.path.join(OUT, "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print(json.dumps(expected, indent=2, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
