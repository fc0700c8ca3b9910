"""The tiny reference VLA: four stages, each exported to its own ONNX file.

vision      patch-local encoder: token = LN(MLP(patch pixels) + pos[index]); relevance = sigmoid of a
            small instruction-conditioned scorer on the token. A token depends only on its own pixels and
            its index, so recomputing a subset of patches is exact and cached tokens stay valid.
backbone    pre-norm transformer over [instruction token, proprio token, vision tokens] (any subset, any
            order: it has no positional encoding of its own, position lives in each vision token);
            cond = Linear(LN([out_instruction, out_proprio])).
head        flow-matching velocity field v(x_t, t, cond), an MLP; x at t=0 is N(0, I) noise, x at t=1 is
            the normalised action chunk; Euler from 0 to 1.
onestep     actions = noise + net(noise, cond), initialised from the head at t=0 (its one-step Euler
            update) and distilled to the N-step teacher's output from the same noise and cond.

Attention is written out by hand (not nn.TransformerEncoderLayer) so the ONNX export is plain MatMul /
Softmax with a dynamic token axis on every torch version.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Vision(nn.Module):
    def __init__(self, patch_dim: int, patches: int, dim: int, hidden: int, vocab: int, rel_dim: int):
        super().__init__()
        self.fc1 = nn.Linear(patch_dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)
        self.pos = nn.Parameter(torch.randn(patches, dim) * 0.02)
        self.norm = nn.LayerNorm(dim)
        self.rel_tok = nn.Linear(dim, rel_dim)
        self.rel_instr = nn.Embedding(vocab, rel_dim)
        self.rel_out = nn.Linear(rel_dim, 1)
        self.rel_inject = nn.Linear(rel_dim, dim)

    def forward(self, patches, patch_index, instruction):
        """patches [B, P', PD] normalised; patch_index [B, P'] int64; instruction [B] int64.
        Returns tokens [B, P', D] and relevance logits [B, P'].
        The instruction-conditioned relevance features are added back into the token, so the token of
        the named block carries a marker the backbone finds with one fixed attention direction (matching
        colours to the instruction inside the backbone alone plateaued for thousands of steps)."""
        h = self.fc2(F.gelu(self.fc1(patches)))
        base = self.norm(h + self.pos[patch_index])
        r = F.gelu(self.rel_tok(base) + self.rel_instr(instruction).unsqueeze(1))
        return base + self.rel_inject(r), self.rel_out(r).squeeze(-1)


class Block(nn.Module):
    def __init__(self, dim: int, heads: int, ff: int):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, ff)
        self.fc2 = nn.Linear(ff, dim)

    def forward(self, x, want_attention: bool = False):
        b, d = x.shape[0], x.shape[2]
        hd = d // self.heads
        q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=-1)
        # [B, heads, N, hd]
        q = q.reshape(b, -1, self.heads, hd).transpose(1, 2)
        k = k.reshape(b, -1, self.heads, hd).transpose(1, 2)
        v = v.reshape(b, -1, self.heads, hd).transpose(1, 2)
        att = torch.softmax(torch.matmul(q, k.transpose(2, 3)) * (1.0 / math.sqrt(hd)), dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, -1, d)
        x = x + self.proj(y)
        x = x + self.fc2(F.gelu(self.fc1(self.ln2(x))))
        return (x, att) if want_attention else x


class Backbone(nn.Module):
    def __init__(self, dim: int, layers: int, heads: int, ff: int, vocab: int, proprio_dim: int, cond_dim: int):
        super().__init__()
        self.instr = nn.Embedding(vocab, dim)
        self.proprio = nn.Linear(proprio_dim, dim)
        self.vision_type = nn.Parameter(torch.zeros(dim))
        self.blocks = nn.ModuleList([Block(dim, heads, ff) for _ in range(layers)])
        self.ln = nn.LayerNorm(2 * dim)
        self.out = nn.Linear(2 * dim, cond_dim)

    def forward(self, instruction, vision_tokens, proprio, want_attention: bool = False):
        """instruction [B] int64; vision_tokens [B, T, D]; proprio [B, S] normalised -> cond [B, C].
        With want_attention (training only) also the first block's attention [B, heads, N, N]."""
        x = torch.cat(
            [self.instr(instruction).unsqueeze(1), self.proprio(proprio).unsqueeze(1), vision_tokens + self.vision_type],
            dim=1,
        )
        first = None
        for i, blk in enumerate(self.blocks):
            if want_attention and i == 0:
                x, first = blk(x, True)
            else:
                x = blk(x)
        cond = self.out(self.ln(torch.cat([x[:, 0], x[:, 1]], dim=-1)))
        return (cond, first) if want_attention else cond


def time_features(t, n: int):
    """Sinusoidal features of t in [0, 1], [B] -> [B, n]."""
    half = n // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(1000.0) / max(half - 1, 1)))
    a = t.unsqueeze(-1) * freqs * 100.0
    return torch.cat([torch.sin(a), torch.cos(a)], dim=-1)


class FlowHead(nn.Module):
    def __init__(self, horizon: int, action_dim: int, cond_dim: int, hidden: int, t_dim: int):
        super().__init__()
        self.horizon, self.action_dim, self.t_dim = horizon, action_dim, t_dim
        self.t_fc = nn.Linear(t_dim, t_dim)
        self.fc1 = nn.Linear(horizon * action_dim + t_dim + cond_dim, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, hidden)
        self.fc4 = nn.Linear(hidden, horizon * action_dim)

    def forward(self, x_t, t, cond):
        """x_t [B, H, A]; t [B]; cond [B, C] -> velocity [B, H, A]."""
        b = x_t.shape[0]
        te = F.gelu(self.t_fc(time_features(t, self.t_dim)))
        h = torch.cat([x_t.reshape(b, -1), te, cond], dim=-1)
        h = F.gelu(self.fc1(h))
        h = F.gelu(self.fc2(h))
        h = F.gelu(self.fc3(h))
        return self.fc4(h).reshape(b, self.horizon, self.action_dim)


class OneStepHead(nn.Module):
    """actions = noise + v(noise, 0, cond): the head's own one-step Euler update, then distilled."""

    def __init__(self, head: FlowHead):
        super().__init__()
        self.head = head

    def forward(self, noise, cond):
        t = torch.zeros_like(noise[:, 0, 0])
        return noise + self.head(noise, t, cond)


def euler_sample(head: FlowHead, noise, cond, steps: int):
    x = noise
    dt = 1.0 / steps
    for i in range(steps):
        t = torch.full((noise.shape[0],), i * dt)
        x = x + dt * head(x, t, cond)
    return x


def flops(cfg: dict) -> dict:
    """Multiply-adds x 2 per call, as linear forms in the dynamic sizes (LayerNorm, softmax, GELU and
    bias adds are left out: they are small next to the matrix products)."""
    D, PD, Hv, R = cfg["dim"], cfg["patch_dim"], cfg["vision_hidden"], cfg["rel_dim"]
    L, FF, C, S = cfg["layers"], cfg["ff"], cfg["cond_dim"], cfg["proprio_dim"]
    HA, Hh, T = cfg["horizon"] * cfg["action_dim"], cfg["head_hidden"], cfg["t_dim"]
    vision_per_patch = 2 * (PD * Hv + Hv * D + D * R + R + R * D)
    # Per token per layer: qkv + proj + MLP; attention: QK^T and AV are 2 * n^2 * D MACs per layer,
    # with n = tokens + 2 (instruction and proprio tokens): n^2 = t^2 + 4t + 4.
    lin = 2 * (D * 3 * D + D * D + 2 * D * FF)
    att = 2 * 2 * D
    backbone = {
        "fixed": L * (2 * lin + 4 * att) + 2 * (S * D + 2 * D * C),
        "per_token": L * (lin + 4 * att),
        "per_token_sq": L * att,
    }
    head = 2 * (T * T + (HA + T + C) * Hh + 2 * Hh * Hh + Hh * HA)
    return {
        "vision": {"per_patch": vision_per_patch},
        "backbone": backbone,
        "head": {"per_call": head},
        "head_onestep": {"per_call": head},
    }
