#!/usr/bin/env python3
"""torch_encdec_fixture.py -- the PyTorch reference fixture for the Java encoder-decoder.

Output (read by lab.jielong.engine.EncDecTorchReferenceTest):
  src/test/resources/lab/jielong/engine/torch_fixture_encdec.json
Regenerate from the repository root (PyTorch 1.13, Debian's python3-torch):
  /usr/bin/python3 src/test/python/torch_encdec_fixture.py

One tiny seeded encoder-decoder (V 19, source 6, target 5, C 16, 2 encoder + 2 decoder layers, NH 2, F 64)
and one B=2 batch (the second source padded: encoder self-attention and cross-attention ignore PAD keys):
the flat float32 parameters in the engine's EncDecLayout order, the logits, the loss (mean cross-entropy over
targets != 0), the gradients, and 5 AdamW steps on the same batch. Blocks are torch_fixture.py's (pre-LN,
exact GELU), the decoder's with cross-attention between self-attention and MLP; the head is tied to the
shared token table.
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
OUT = os.path.join(ROOT, "src", "test", "resources", "lab", "jielong", "engine", "torch_fixture_encdec.json")
SEED = 4321
CONFIG = dict(vocab_size=19, source_context=6, target_context=5, d_model=16, encoder_layers=2,
              decoder_layers=2, n_head=2, d_ff=64)
B = 2
PAD = 0
ADAMW = dict(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, grad_clip=1.0, steps=5)


def attend(q, k, v, h, mask):
    Bq, Tq, C = q.shape
    Tk = k.shape[1]
    hd = C // h
    q = q.view(Bq, Tq, h, hd).transpose(1, 2)
    k = k.view(Bq, Tk, h, hd).transpose(1, 2)
    v = v.view(Bq, Tk, h, hd).transpose(1, 2)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
    att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
    return (att @ v).transpose(1, 2).reshape(Bq, Tq, C)


class Block(nn.Module):
    def __init__(self, d, h, ff, cross):
        super().__init__()
        self.h = h
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        if cross:
            self.lnx = nn.LayerNorm(d)
            self.xq = nn.Linear(d, d)
            self.xkv = nn.Linear(d, 2 * d)
            self.xproj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, ff)
        self.fc2 = nn.Linear(ff, d)

    def forward(self, x, mask, mem=None, mem_mask=None):
        C = x.shape[-1]
        q, k, v = self.qkv(self.ln1(x)).split(C, dim=2)
        x = x + self.proj(attend(q, k, v, self.h, mask))
        if mem is not None:
            k, v = self.xkv(mem).split(C, dim=2)
            x = x + self.xproj(attend(self.xq(self.lnx(x)), k, v, self.h, mem_mask))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class EncDec(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["d_model"]
        self.tok = nn.Embedding(c["vocab_size"], d)
        self.epos = nn.Embedding(c["source_context"], d)
        self.dpos = nn.Embedding(c["target_context"], d)
        self.enc = nn.ModuleList([Block(d, c["n_head"], c["d_ff"], False) for _ in range(c["encoder_layers"])])
        self.eln = nn.LayerNorm(d)
        self.dec = nn.ModuleList([Block(d, c["n_head"], c["d_ff"], True) for _ in range(c["decoder_layers"])])
        self.dln = nn.LayerNorm(d)
        for name, p in self.named_parameters():
            if p.dim() >= 2:
                nn.init.normal_(p, 0.0, 0.02)
            elif name.endswith(".bias"):
                nn.init.zeros_(p)
        # larger weights than at init, so every gradient stands well above float32 noise
        with torch.no_grad():
            for p in self.parameters():
                p.add_(torch.randn_like(p) * 0.3)

    def forward(self, x, y):
        Bx, Tx = x.shape
        Ty = y.shape[1]
        keys = (x != PAD)
        keys[:, 0] = True
        m = self.tok(x) + self.epos(torch.arange(Tx))
        for b in self.enc:
            m = b(m, keys[:, None, None, :].expand(Bx, 1, Tx, Tx))
        m = self.eln(m)
        h = self.tok(y) + self.dpos(torch.arange(Ty))
        causal = torch.tril(torch.ones(Ty, Ty, dtype=torch.bool))
        for b in self.dec:
            h = b(h, causal, m, keys[:, None, None, :])
        return F.linear(self.dln(h), self.tok.weight)


def layout_tensors(model):
    def per(blocks, attr):
        return [eval("b." + attr) for b in blocks]
    out = [("wte", model.tok.weight), ("enc.wpe", model.epos.weight), ("dec.wpe", model.dpos.weight)]
    for prefix, blocks, cross in (("enc.", model.enc, False), ("dec.", model.dec, True)):
        kinds = [("ln1w", "ln1.weight"), ("ln1b", "ln1.bias"), ("qkvw", "qkv.weight"), ("qkvb", "qkv.bias"),
                 ("attprojw", "proj.weight"), ("attprojb", "proj.bias")]
        if cross:
            kinds += [("lnxw", "lnx.weight"), ("lnxb", "lnx.bias"), ("xqw", "xq.weight"), ("xqb", "xq.bias"),
                      ("xkvw", "xkv.weight"), ("xkvb", "xkv.bias"), ("xprojw", "xproj.weight"),
                      ("xprojb", "xproj.bias")]
        kinds += [("ln2w", "ln2.weight"), ("ln2b", "ln2.bias"), ("fcw", "fc1.weight"), ("fcb", "fc1.bias"),
                  ("fcprojw", "fc2.weight"), ("fcprojb", "fc2.bias")]
        out += [(prefix + n, per(blocks, a)) for n, a in kinds]
        norm = model.eln if prefix == "enc." else model.dln
        out += [(prefix + "lnfw", norm.weight), (prefix + "lnfb", norm.bias)]
    return out


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


def loss_fn(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=PAD)


def f32(x):
    return repr(np.float32(x))


def floats(a):
    return "[" + ",".join(f32(x) for x in np.asarray(a, dtype=np.float32).reshape(-1)) + "]"


def main():
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    model = EncDec(CONFIG)
    layout, n = param_layout(model)
    assert n == sum(p.numel() for p in model.parameters()), (n, sum(p.numel() for p in model.parameters()))
    g = torch.Generator().manual_seed(SEED + 1)
    V, Tx, Ty = CONFIG["vocab_size"], CONFIG["source_context"], CONFIG["target_context"]
    x = torch.randint(1, V, (B, Tx), generator=g)
    x[1, 4:] = PAD
    y = torch.randint(1, V, (B, Ty + 1), generator=g)
    y[0, Ty] = PAD
    params = flatten(model)
    logits = model(x, y[:, :Ty])
    loss = loss_fn(logits, y[:, 1:])
    loss.backward()
    grads = flatten(model, grads=True)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": ADAMW["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=ADAMW["lr"], betas=(ADAMW["beta1"], ADAMW["beta2"]), eps=ADAMW["eps"])
    losses = []
    for _ in range(ADAMW["steps"]):
        l = loss_fn(model(x, y[:, :Ty]), y[:, 1:])
        opt.zero_grad(set_to_none=True)
        l.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), ADAMW["grad_clip"])
        opt.step()
        losses.append(l.item())
    rows = torch.cat([x, y], dim=1)
    about = (f"PyTorch {torch.__version__} reference for the Java encoder-decoder "
             f"(lab.jielong.engine.EncDecTorchReferenceTest); torch.manual_seed({SEED}); float32; "
             f"regenerate: /usr/bin/python3 src/test/python/torch_encdec_fixture.py")
    adamw = ("{" + ",".join(f'"{k}":{json.dumps(v)}' for k, v in ADAMW.items())
             + f',"losses":{floats(losses)},"params_after":{floats(flatten(model))}}}')
    lines = [f'"about":{json.dumps(about)}', f'"config":{json.dumps(CONFIG)}', f'"B":{B}',
             f'"rows":{json.dumps(rows.tolist())}',
             '"param_layout":[\n' + ",\n".join(json.dumps(e) for e in layout) + "]",
             f'"params":{floats(params)}', f'"logits":{floats(logits.detach().numpy())}',
             f'"loss":{f32(loss.item())}', f'"grads":{floats(grads)}', f'"adamw":{adamw}']
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({n} params), loss {loss.item():.7f}, AdamW losses "
          + ", ".join(f"{v:.7f}" for v in losses))


if __name__ == "__main__":
    main()
