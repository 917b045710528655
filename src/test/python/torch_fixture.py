#!/usr/bin/env python3
"""torch_fixture.py -- writes the PyTorch reference fixtures for the Java GPT engine.

Output (read by the Java test lab.jielong.engine.TorchReferenceTest):
  src/test/resources/lab/jielong/engine/torch_fixture_causal.json         causal mask
  src/test/resources/lab/jielong/engine/torch_fixture_peeking.json        no mask (the peeking model)
Regenerate from the repository root (PyTorch 1.13, Debian's python3-torch):
  /usr/bin/python3 src/test/python/torch_fixture.py

Each file holds, for one tiny seeded model (V 19, context 8, C 16, L 2, NH 2, F 64) and one
B=2 x T=8 batch: the flat float32 parameters in the engine's llm.c layout, the logits, the
loss (mean cross-entropy over targets != 0), the gradients, and 5 AdamW steps on the same batch.
The format is defined in the lead's shared spec (/work/notes/shared-spec.md).

The model is a copy of Block/GPT from the project's reference torch_ref.py, without the KV cache
(the constructor and init are unchanged, so the same seed gives the same weights). Everything is
computed in float32, like the Java engine; a float64 replay is printed only to show how much of
the difference the Java side sees is plain float32 rounding.
After writing, the script reloads each file, rebuilds the model from the flat arrays and checks
that logits, loss, gradients and the AdamW trajectory come out bit-identical.
Tolerance note for the Java test: the key bias (qkvb rows C..2C-1 of each layer) has an exactly
zero true gradient (softmax ignores a constant added to all scores), so its gradient here is
float noise (~1e-12) and AdamW turns that noise into updates of up to ~lr*|g|/eps per step; compare
those entries (and grads in general) with an absolute tolerance, not a relative one.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT_DIR = os.path.join(ROOT, "src", "test", "resources", "lab", "jielong", "engine")
REGENERATE = "/usr/bin/python3 src/test/python/torch_fixture.py"

SEED = 1234
CONFIG = dict(vocab_size=19, context=8, d_model=16, n_layer=2, n_head=2, d_ff=64)
B, T = 2, 8
PAD = 0
ADAMW = dict(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, grad_clip=1.0, steps=5)


# ----------------------------------------------------------------------------
# model: torch_ref.py's Block and GPT (pre-LN, exact GELU, tied head), minus the KV cache
# ----------------------------------------------------------------------------
class Block(nn.Module):
    def __init__(self, d, h, ff):
        super().__init__()
        self.h = h
        self.ln1 = nn.LayerNorm(d)  # eps 1e-5
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, ff)
        self.fc2 = nn.Linear(ff, d)

    def forward(self, x, mask):
        B, T, C = x.shape
        h = self.h
        hd = C // h
        q, k, v = self.qkv(self.ln1(x)).split(C, dim=2)
        q = q.view(B, T, h, hd).transpose(1, 2)  # (B, NH, T, hs)
        k = k.view(B, T, h, hd).transpose(1, 2)
        v = v.view(B, T, h, hd).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))  # (B, NH, T, T)
        if mask is not None:
            att = att.masked_fill(~mask, float("-inf"))
        att = att.softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + self.proj(y)
        x = x + self.fc2(F.gelu(self.fc1(self.ln2(x))))  # F.gelu default = exact erf form
        return x


class GPT(nn.Module):
    def __init__(self, V, d_model, n_layer, n_head, d_ff, causal=True, n_pos=32):
        super().__init__()
        self.causal = causal
        self.tok = nn.Embedding(V, d_model)
        self.pos = nn.Embedding(n_pos, d_model)
        self.blocks = nn.ModuleList([Block(d_model, n_head, d_ff) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.register_buffer("tril", torch.tril(torch.ones(n_pos, n_pos, dtype=torch.bool)),
                             persistent=False)
        # torch_ref init: matrices N(0, 0.02), residual projections N(0, 0.02/sqrt(2L)),
        # biases 0, LayerNorm weights keep their default 1
        for name, p in self.named_parameters():
            if p.dim() >= 2:
                std = 0.02
                if name.endswith("proj.weight") or name.endswith("fc2.weight"):
                    std = 0.02 / math.sqrt(2 * n_layer)
                nn.init.normal_(p, 0.0, std)
            elif name.endswith(".bias"):
                nn.init.zeros_(p)

    def forward(self, idx):
        B, T = idx.shape
        x = self.tok(idx) + self.pos(torch.arange(T))
        mask = self.tril[:T, :T] if self.causal else None
        for b in self.blocks:
            x = b(x, mask)
        x = self.ln_f(x)
        return F.linear(x, self.tok.weight)  # tied embeddings: wte gets both gradients


def make_model(causal):
    torch.manual_seed(SEED)
    c = CONFIG
    return GPT(c["vocab_size"], c["d_model"], c["n_layer"], c["n_head"], c["d_ff"],
               causal=causal, n_pos=c["context"])


def make_optimizer(model):
    # torch_ref.make_optimizer: weight decay on the 2-D parameters only
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": ADAMW["weight_decay"]},
                              {"params": no_decay, "weight_decay": 0.0}],
                             lr=ADAMW["lr"], betas=(ADAMW["beta1"], ADAMW["beta2"]),
                             eps=ADAMW["eps"])


def loss_fn(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                           ignore_index=PAD)


# ----------------------------------------------------------------------------
# flat llm.c layout: per-layer tensors of one kind are stacked (all layers' ln1w, then ln1b, ...)
# ----------------------------------------------------------------------------
def layout_tensors(model):
    """[(name, tensor)] in the spec's order; per-layer kinds are lists over layers."""
    bl = model.blocks
    return [
        ("wte", model.tok.weight),                     # (V, C)
        ("wpe", model.pos.weight),                     # (T, C)
        ("ln1w", [b.ln1.weight for b in bl]),          # (L, C)
        ("ln1b", [b.ln1.bias for b in bl]),            # (L, C)
        ("qkvw", [b.qkv.weight for b in bl]),          # (L, 3C, C)
        ("qkvb", [b.qkv.bias for b in bl]),            # (L, 3C)
        ("attprojw", [b.proj.weight for b in bl]),     # (L, C, C)
        ("attprojb", [b.proj.bias for b in bl]),       # (L, C)
        ("ln2w", [b.ln2.weight for b in bl]),          # (L, C)
        ("ln2b", [b.ln2.bias for b in bl]),            # (L, C)
        ("fcw", [b.fc1.weight for b in bl]),           # (L, F, C)
        ("fcb", [b.fc1.bias for b in bl]),             # (L, F)
        ("fcprojw", [b.fc2.weight for b in bl]),       # (L, C, F)
        ("fcprojb", [b.fc2.bias for b in bl]),         # (L, C)
        ("lnfw", model.ln_f.weight),                   # (C)
        ("lnfb", model.ln_f.bias),                     # (C)
    ]


def param_layout(model):
    out, offset = [], 0
    for name, t in layout_tensors(model):
        shape = [len(t)] + list(t[0].shape) if isinstance(t, list) else list(t.shape)
        out.append({"name": name, "shape": shape, "offset": offset})
        offset += int(np.prod(shape))
    return out, offset


def flatten(model, grads=False):
    parts = []
    for _, t in layout_tensors(model):
        for p in (t if isinstance(t, list) else [t]):
            parts.append((p.grad if grads else p).detach().reshape(-1))
    return torch.cat(parts).numpy().astype(np.float32)


@torch.no_grad()
def unflatten_into(model, flat, layout):
    flat = torch.from_numpy(np.asarray(flat, dtype=np.float32))
    for (name, t), entry in zip(layout_tensors(model), layout):
        assert name == entry["name"], (name, entry["name"])
        tensors = t if isinstance(t, list) else [t]
        off = entry["offset"]
        for p in tensors:
            p.copy_(flat[off:off + p.numel()].view_as(p))
            off += p.numel()


# ----------------------------------------------------------------------------
# computing the reference values
# ----------------------------------------------------------------------------
def make_batch():
    g = torch.Generator().manual_seed(SEED + 1)
    V = CONFIG["vocab_size"]
    inputs = torch.randint(1, V, (B, T), generator=g)
    targets = torch.randint(1, V, (B, T), generator=g)
    targets[0, T - 2:] = PAD  # a padded tail
    targets[1, 3] = PAD       # and one pad in the middle
    return inputs, targets


def run(model, inputs, targets):
    """logits/loss/grads at the model's current params, then the AdamW steps."""
    logits = model(inputs)
    loss = loss_fn(logits, targets)
    model.zero_grad(set_to_none=True)
    loss.backward()
    ref = {"logits": logits.detach().numpy().astype(np.float32).reshape(-1),
           "loss": loss.item(), "grads": flatten(model, grads=True)}
    opt = make_optimizer(model)
    losses, norms = [], []
    for _ in range(ADAMW["steps"]):
        loss = loss_fn(model(inputs), targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        norms.append(torch.nn.utils.clip_grad_norm_(model.parameters(), ADAMW["grad_clip"]).item())
        opt.step()
        losses.append(loss.item())
    ref["losses"] = losses
    ref["grad_norms"] = norms
    ref["params_after"] = flatten(model)
    return ref


# ----------------------------------------------------------------------------
# writing: one key per line, big arrays on one line, floats as the shortest decimal that
# round-trips to the same float32 (checked below, also via the double route Jackson takes)
# ----------------------------------------------------------------------------
def f32(x):
    return repr(np.float32(x))


def floats(a):
    return "[" + ",".join(f32(x) for x in np.asarray(a, dtype=np.float32).reshape(-1)) + "]"


def write_fixture(path, causal, layout, params, inputs, targets, ref):
    about = (f"PyTorch {torch.__version__} reference for the Java engine "
             f"(lab.jielong.engine.TorchReferenceTest); model = torch_ref.py GPT with "
             f"torch.manual_seed({SEED}) init, batch from torch.Generator seed {SEED + 1}; "
             f"{'causal mask' if causal else 'no mask (the peeking model)'}; float32; "
             f"regenerate: {REGENERATE}")
    adamw = ("{" + ",".join(f'"{k}":{json.dumps(v)}' for k, v in ADAMW.items())
             + f',"losses":{floats(ref["losses"])},"params_after":{floats(ref["params_after"])}}}')
    config = dict(CONFIG, causal=causal)
    lines = [
        f'"about":{json.dumps(about)}',
        f'"config":{json.dumps(config)}',
        f'"B":{B}',
        f'"T":{T}',
        f'"inputs":{json.dumps(inputs.tolist())}',
        f'"targets":{json.dumps(targets.tolist())}',
        '"param_layout":[\n' + ",\n".join(json.dumps(e) for e in layout) + "]",
        f'"params":{floats(params)}',
        f'"logits":{floats(ref["logits"])}',
        f'"loss":{f32(ref["loss"])}',
        f'"grads":{floats(ref["grads"])}',
        f'"adamw":{adamw}',
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


# ----------------------------------------------------------------------------
# self-check: reload the JSON, rebuild the model from the flat arrays, recompute everything
# ----------------------------------------------------------------------------
def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64))))


def self_check(path, written):
    with open(path, encoding="utf-8") as f:
        fx = json.load(f)  # floats arrive as doubles, as they do through Jackson
    as32 = lambda xs: np.asarray(xs, dtype=np.float64).astype(np.float32)  # noqa: E731
    # 1. the decimal text gives back exactly the float32 values that were computed
    #    (compare as float32: the shortest decimal of a float32 is not that float as a double)
    for key, got, arr in (("params", fx["params"], written["params"]),
                          ("logits", fx["logits"], written["logits"]),
                          ("grads", fx["grads"], written["grads"]),
                          ("params_after", fx["adamw"]["params_after"], written["params_after"]),
                          ("losses", fx["adamw"]["losses"], written["losses"]),
                          ("loss", [fx["loss"]], [written["loss"]])):
        assert np.array_equal(as32(got).view(np.uint32),
                              np.asarray(arr, np.float32).view(np.uint32)), key
    # 2. rebuild from the flat params via the layout (a fresh model with other weights)
    c = fx["config"]
    torch.manual_seed(SEED + 99)
    model = GPT(c["vocab_size"], c["d_model"], c["n_layer"], c["n_head"], c["d_ff"],
                causal=c["causal"], n_pos=c["context"])
    layout, n = param_layout(model)
    assert layout == fx["param_layout"] and n == len(fx["params"])
    unflatten_into(model, as32(fx["params"]), fx["param_layout"])
    assert np.array_equal(flatten(model), as32(fx["params"])), "flatten(unflatten(p)) != p"
    inputs, targets = torch.tensor(fx["inputs"]), torch.tensor(fx["targets"])
    ref = run(model, inputs, targets)
    diffs = {
        "logits": max_abs(ref["logits"], as32(fx["logits"])),
        "loss": max_abs(ref["loss"], as32(fx["loss"])),
        "grads": max_abs(ref["grads"], as32(fx["grads"])),
        "losses": max_abs(ref["losses"], as32(fx["adamw"]["losses"])),
        "params_after": max_abs(ref["params_after"], as32(fx["adamw"]["params_after"])),
    }
    worst = max(diffs.values())
    print(f"  self-check {os.path.basename(path)}: worst abs diff {worst:.3g} "
          + " ".join(f"{k}={v:.3g}" for k, v in diffs.items()))
    assert worst == 0.0, diffs


def float64_gap(causal, params, layout, inputs, targets, ref32):
    """Same computation in float64 from the same float32 params: how far float32 rounding alone
    moves each value (a floor for the Java engine's tolerance)."""
    model = make_model(causal)
    unflatten_into(model, params, layout)
    model = model.double()
    ref64 = run(model, inputs, targets)
    rel = lambda a, b: max_abs(a, b) / float(np.max(np.abs(b)))  # noqa: E731
    print(f"  float32 vs float64 (max abs / max |value|): "
          f"logits {rel(ref32['logits'], ref64['logits']):.2g}, "
          f"grads {rel(ref32['grads'], ref64['grads']):.2g}, "
          f"params_after {rel(ref32['params_after'], ref64['params_after']):.2g}; "
          f"loss {float(ref32['loss']):.8f} vs {float(ref64['loss']):.8f}")


def main():
    torch.set_num_threads(1)  # one summation order, reproducible bits
    os.makedirs(OUT_DIR, exist_ok=True)
    inputs, targets = make_batch()
    for causal in (True, False):
        name = "torch_fixture_causal.json" if causal else "torch_fixture_peeking.json"
        path = os.path.join(OUT_DIR, name)
        model = make_model(causal)
        layout, n = param_layout(model)
        assert n == sum(p.numel() for p in model.parameters())
        params = flatten(model)
        ref = run(model, inputs, targets)
        write_fixture(path, causal, layout, params, inputs, targets, ref)
        print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes, {n} params)")
        print(f"  loss {float(ref['loss']):.7f}; AdamW losses "
              + ", ".join(f"{float(x):.7f}" for x in ref["losses"])
              + "; grad norms before clipping " + ", ".join(f"{x:.4f}" for x in ref["grad_norms"]))
        self_check(path, dict(ref, params=params))
        float64_gap(causal, params, layout, inputs, targets, ref)


if __name__ == "__main__":
    main()
