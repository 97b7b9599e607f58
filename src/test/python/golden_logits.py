#!/usr/bin/env python3
"""Golden logits for ThinkTrace's decoder, from an independent plain-PyTorch implementation.

For each supported family it builds a tiny checkpoint with random weights, writes it as a HuggingFace
model folder (config.json + model.safetensors), and records what the HuggingFace modeling code computes
for it: the logits after every prefix of a prompt, then greedy decoding from the prompt with the logits
of every step. The forward pass below is written from the formulas of HuggingFace's modeling_llama,
modeling_qwen2, modeling_qwen3 and modeling_rope_utils (RMSNorm, rotate-half RoPE with llama3 and YaRN
frequency scaling, grouped-query attention, SwiGLU MLP), evaluated in float64 on the float32 weights.

    families     what they exercise
    qwen2        q/k/v projection biases, grouped-query attention (4 heads on 2), separate lm_head
    llama        llama3 RoPE scaling (both the divided and the smoothed band), 4 heads on 1, tied embeddings
    qwen3        per-head q/k RMSNorm, head_dim 16 != hidden 32 / 4 heads, YaRN RoPE scaling

Output: src/test/resources/fixtures/golden/<family>/{config.json, model.safetensors, golden.json}; the Java test
org.thinktrace.model.GoldenLogitsTest reads them and needs no Python.

Rerun from the repository root (Debian: apt-get install python3-torch; nothing else is needed):

    python3 src/test/python/golden_logits.py

The output is deterministic for a given PyTorch version (weights come from torch.Generator seeds).
"""

import json
import math
import struct
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "golden"

PROMPT = [1, 17, 42, 5, 33, 8, 61, 23, 11, 50, 3, 29]
GREEDY_STEPS = 12
# greedy ids are compared exactly, so every step's winner must lead the runner-up clearly
MIN_TOP2_GAP = 1e-3

FAMILIES = {
    "qwen2": {
        "architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2",
        "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
        "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 64,
        "max_position_embeddings": 128, "rms_norm_eps": 1e-6, "rope_theta": 10000.0,
        "rope_scaling": None, "tie_word_embeddings": False, "use_sliding_window": False,
    },
    "llama": {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": 32, "intermediate_size": 40, "num_hidden_layers": 2,
        "num_attention_heads": 4, "num_key_value_heads": 1, "vocab_size": 64,
        "max_position_embeddings": 128, "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
        # original context 16 at head_dim 8: pair 0 (wavelength 6.3) is smoothed, pairs 1-3 divided
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                         "high_freq_factor": 4.0, "original_max_position_embeddings": 16},
        "tie_word_embeddings": True, "attention_bias": False, "mlp_bias": False,
    },
    "qwen3": {
        "architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3",
        "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
        "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "vocab_size": 64,
        "max_position_embeddings": 16384, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        # as DeepSeek-R1-0528-Qwen3-8B: pairs 0-1 kept, 2-3 blended, 4-7 divided by 4, attention factor 0.1 ln 4 + 1
        "rope_scaling": {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 4096},
        "tie_word_embeddings": False, "attention_bias": False,
    },
}
SEEDS = {"qwen2": 20, "llama": 21, "qwen3": 22}


def common_config(config):
    config = dict(config)
    config.update({"hidden_act": "silu", "bos_token_id": 1, "eos_token_id": 2, "torch_dtype": "float32"})
    return config


def head_dim(c):
    return c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]


def parameter_shapes(c):
    """Name -> (shape, kind) in HuggingFace's naming; kind picks the random distribution."""
    hidden, hd, mlp = c["hidden_size"], head_dim(c), c["intermediate_size"]
    q, kv = c["num_attention_heads"] * hd, c["num_key_value_heads"] * hd
    shapes = {"model.embed_tokens.weight": ((c["vocab_size"], hidden), "matrix")}
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        shapes[p + "input_layernorm.weight"] = ((hidden,), "norm")
        shapes[p + "self_attn.q_proj.weight"] = ((q, hidden), "matrix")
        shapes[p + "self_attn.k_proj.weight"] = ((kv, hidden), "matrix")
        shapes[p + "self_attn.v_proj.weight"] = ((kv, hidden), "matrix")
        if c["model_type"] == "qwen2" or c.get("attention_bias"):
            shapes[p + "self_attn.q_proj.bias"] = ((q,), "bias")
            shapes[p + "self_attn.k_proj.bias"] = ((kv,), "bias")
            shapes[p + "self_attn.v_proj.bias"] = ((kv,), "bias")
        if c["model_type"] == "qwen3":
            shapes[p + "self_attn.q_norm.weight"] = ((hd,), "norm")
            shapes[p + "self_attn.k_norm.weight"] = ((hd,), "norm")
        shapes[p + "self_attn.o_proj.weight"] = ((hidden, q), "matrix")
        shapes[p + "post_attention_layernorm.weight"] = ((hidden,), "norm")
        shapes[p + "mlp.gate_proj.weight"] = ((mlp, hidden), "matrix")
        shapes[p + "mlp.up_proj.weight"] = ((mlp, hidden), "matrix")
        shapes[p + "mlp.down_proj.weight"] = ((hidden, mlp), "matrix")
    shapes["model.norm.weight"] = ((hidden,), "norm")
    if not c["tie_word_embeddings"]:
        shapes["lm_head.weight"] = ((c["vocab_size"], hidden), "matrix")
    return shapes


def random_weights(c, seed):
    """Matrices N(0, 0.2^2), norm weights 1 + N(0, 0.1^2), biases N(0, 0.1^2): none of them trivial."""
    generator = torch.Generator().manual_seed(seed)
    weights = {}
    for name, (shape, kind) in parameter_shapes(c).items():
        noise = torch.randn(shape, generator=generator, dtype=torch.float32)
        weights[name] = {"matrix": 0.2 * noise, "norm": 1 + 0.1 * noise, "bias": 0.1 * noise}[kind]
    return weights


def write_safetensors(path, tensors):
    """The safetensors format: u64 little-endian header length, JSON header, then the raw F32 data."""
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        data = tensor.contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


# ---- RoPE frequencies (modeling_rope_utils) ----

def default_inv_freq(base, dim):
    return 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))


def llama3_inv_freq(base, dim, s):
    inv_freq = default_inv_freq(base, dim)
    factor, low, high = s["factor"], s["low_freq_factor"], s["high_freq_factor"]
    old_context = s["original_max_position_embeddings"]
    low_freq_wavelen, high_freq_wavelen = old_context / low, old_context / high
    wavelen = 2 * math.pi / inv_freq
    scaled = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
    smooth = (old_context / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < high_freq_wavelen) & ~(wavelen > low_freq_wavelen)
    return torch.where(medium, smoothed, scaled), 1.0


def yarn_inv_freq(base, dim, s, max_positions):
    factor = s["factor"]
    original = s.get("original_max_position_embeddings", max_positions)
    beta_fast, beta_slow = s.get("beta_fast", 32), s.get("beta_slow", 1)

    def mscale(scale, m=1.0):
        return 1.0 if scale <= 1 else 0.1 * m * math.log(scale) + 1.0

    attention_factor = s.get("attention_factor")
    if attention_factor is None:
        if s.get("mscale") and s.get("mscale_all_dim"):
            attention_factor = mscale(factor, s["mscale"]) / mscale(factor, s["mscale_all_dim"])
        else:
            attention_factor = mscale(factor)

    def correction_dim(rotations):
        return (dim * math.log(original / (rotations * 2 * math.pi))) / (2 * math.log(base))

    low, high = correction_dim(beta_fast), correction_dim(beta_slow)
    if s.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    if low == high:
        high += 0.001
    ramp = torch.clamp((torch.arange(dim // 2, dtype=torch.float64) - low) / (high - low), 0, 1)
    extrapolation_share = 1 - ramp
    pos_freqs = base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    inv_freq = (1 / (factor * pos_freqs)) * (1 - extrapolation_share) + (1 / pos_freqs) * extrapolation_share
    return inv_freq, attention_factor


def rope_tables(c, positions):
    dim, base, s = head_dim(c), c["rope_theta"], c.get("rope_scaling")
    if s is None:
        inv_freq, scale = default_inv_freq(base, dim), 1.0
    elif s["rope_type"] == "llama3":
        inv_freq, scale = llama3_inv_freq(base, dim, s)
    else:
        inv_freq, scale = yarn_inv_freq(base, dim, s, c["max_position_embeddings"])
    freqs = torch.outer(torch.arange(positions, dtype=torch.float64), inv_freq)
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos() * scale, emb.sin() * scale


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


# ---- the decoder (modeling_llama / modeling_qwen2 / modeling_qwen3) ----

def rms_norm(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def linear(x, w, name):
    out = x @ w[name + ".weight"].T
    bias = w.get(name + ".bias")
    return out if bias is None else out + bias


def logits_of_every_position(c, w, ids):
    """Logits [len(ids), vocab] of a full causal forward pass over ids from position 0."""
    n, hd = len(ids), head_dim(c)
    heads, kv_heads = c["num_attention_heads"], c["num_key_value_heads"]
    eps = c["rms_norm_eps"]
    cos, sin = rope_tables(c, n)
    mask = torch.full((n, n), float("-inf"), dtype=torch.float64).triu(1)
    x = w["model.embed_tokens.weight"][torch.tensor(ids)]
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = linear(h, w, p + "self_attn.q_proj").view(n, heads, hd).transpose(0, 1)
        k = linear(h, w, p + "self_attn.k_proj").view(n, kv_heads, hd).transpose(0, 1)
        v = linear(h, w, p + "self_attn.v_proj").view(n, kv_heads, hd).transpose(0, 1)
        if c["model_type"] == "qwen3":
            q = rms_norm(q, w[p + "self_attn.q_norm.weight"], eps)
            k = rms_norm(k, w[p + "self_attn.k_norm.weight"], eps)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        group = heads // kv_heads
        k = k.repeat_interleave(group, dim=0)
        v = v.repeat_interleave(group, dim=0)
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + mask
        attended = torch.softmax(scores, dim=-1) @ v
        x = x + linear(attended.transpose(0, 1).reshape(n, heads * hd), w, p + "self_attn.o_proj")
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = linear(h, w, p + "mlp.gate_proj")
        up = linear(h, w, p + "mlp.up_proj")
        x = x + linear(torch.nn.functional.silu(gate) * up, w, p + "mlp.down_proj")
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.T


def top2_gap(row):
    top = torch.topk(row, 2).values
    return float(top[0] - top[1])


def golden(c, weights):
    w = {name: t.to(torch.float64) for name, t in weights.items()}
    prompt_logits = logits_of_every_position(c, w, PROMPT)
    ids, steps = list(PROMPT), []
    for _ in range(GREEDY_STEPS):
        row = logits_of_every_position(c, w, ids)[-1]
        gap = top2_gap(row)
        if gap < MIN_TOP2_GAP:
            raise SystemExit(f"{c['model_type']}: greedy step after {ids} has a top-2 gap of {gap}; pick another seed")
        next_id = int(torch.argmax(row))
        steps.append({"logits": row.tolist(), "next": next_id})
        ids.append(next_id)
    return {
        "prompt": PROMPT,
        "prompt_logits": prompt_logits.tolist(),
        "greedy_ids": [step["next"] for step in steps],
        "greedy_logits": [step["logits"] for step in steps],
        "reference": "src/test/python/golden_logits.py, float64, torch " + torch.__version__,
    }


def main():
    for family, config in FAMILIES.items():
        c = common_config(config)
        weights = random_weights(c, SEEDS[family])
        folder = OUT / family
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps(c, indent=2) + "\n")
        write_safetensors(folder / "model.safetensors", weights)
        data = golden(c, weights)
        (folder / "golden.json").write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"{family}: greedy {data['greedy_ids']}")


if __name__ == "__main__":
    main()
