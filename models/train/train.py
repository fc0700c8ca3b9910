#!/usr/bin/env python3
"""Train the tiny reference VLA on the sim dataset and export it to models/tiny-vla/.

    /usr/bin/python3 models/train/train.py --data models/train/data --out models/tiny-vla

CPU, seeded, two threads (the machine is shared). Phase 1 trains vision + backbone + flow head jointly
(flow-matching loss + relevance loss), with random token dropping so the backbone stays accurate on
pruned token sets. Phase 2 freezes them and distils the one-step head from the N-step head. Then the
four stages are exported to ONNX and model.yaml is written. See README.md.
"""

import argparse
import hashlib
import json
import math
import os
import sys
import time

# Shared 2-core machine: threads that spin while waiting for a descheduled peer waste the other
# engineers' CPU (and ours). Must be set before torch loads OpenMP.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Backbone, FlowHead, OneStepHead, Vision, euler_sample, flops  # noqa: E402
from export import export_all  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="models/train/data")
    p.add_argument("--out", default="models/tiny-vla")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=2500, help="phase 1 optimiser steps")
    p.add_argument("--distill-steps", type=int, default=500, help="phase 2 optimiser steps")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--sampler-steps", type=int, default=10, help="N of the N-step head (teacher)")
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ff", type=int, default=256)
    p.add_argument("--vision-hidden", type=int, default=128)
    p.add_argument("--head-hidden", type=int, default=256)
    p.add_argument("--cond-dim", type=int, default=128)
    p.add_argument("--log-every", type=int, default=0, help="0: 20 lines per phase")
    p.add_argument("--probe-weight", type=float, default=1.0, help="weight of the target-position probe loss")
    p.add_argument("--attention-weight", type=float, default=0.1, help="weight of the attention guidance loss")
    p.add_argument("--min-keep", type=int, default=4, help="fewest vision tokens kept when dropping")
    return p.parse_args()


def load(data_dir):
    meta = json.load(open(os.path.join(data_dir, "meta.json")))
    n, w, h = meta["samples"], meta["image"]["width"], meta["image"]["height"]
    ps, (gr, gc) = meta["image"]["patch"], meta["image"]["grid"]
    H, A, S, P = meta["horizon"], meta["action_dim"], meta["proprio_dim"], meta["patches"]

    def arr(name, dtype, shape):
        return np.fromfile(os.path.join(data_dir, name), dtype=dtype).reshape(shape)

    images = arr("images.u8", np.uint8, (n, h, w, 3))
    # [N, gr, ps, gc, ps, 3] -> [N, gr, gc, ps, ps, 3] -> [N, P, ps*ps*3]: row-major patches, HWC inside.
    patches = images.reshape(n, gr, ps, gc, ps, 3).transpose(0, 1, 3, 2, 4, 5).reshape(n, P, ps * ps * 3)
    return meta, {
        "patches": torch.from_numpy(np.ascontiguousarray(patches)),
        "proprio": torch.from_numpy(arr("proprio.f32", "<f4", (n, S)).copy()),
        "instruction": torch.from_numpy(arr("instruction.u8", np.uint8, (n,)).astype(np.int64)),
        "target": torch.from_numpy(arr("target.f32", "<f4", (n, 2)).copy()),
        "actions": torch.from_numpy(arr("actions.f32", "<f4", (n, H, A)).copy()),
        "relevance": torch.from_numpy(arr("relevance.u8", np.uint8, (n, P)).astype(np.float32)),
        "episode": torch.from_numpy(arr("episode.u32", "<u4", (n,)).astype(np.int64)),
        "images": images,
    }


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    t_start = time.time()

    meta, d = load(args.data)
    n, P = meta["samples"], meta["patches"]
    H, A, S = meta["horizon"], meta["action_dim"], meta["proprio_dim"]
    vocab = len(meta["colors"])
    patch_dim = d["patches"].shape[2]

    # Normalisation statistics (from the training data; stored in the manifest).
    px = torch.from_numpy(d["images"].reshape(-1, 3)[:: 97].astype(np.float32) / 255.0)
    img_mean, img_std = px.mean(0), px.std(0)
    pro_mean, pro_std = d["proprio"].mean(0), d["proprio"].std(0)
    act_mean = d["actions"].reshape(-1, A).mean(0)
    act_std = d["actions"].reshape(-1, A).std(0)
    # Per-value normalisation of the flattened HWC patch: channel = index % 3.
    pmean = img_mean.repeat(patch_dim // 3)
    pstd = img_std.repeat(patch_dim // 3)

    # Split by episode: the last 5% of episodes are validation.
    n_ep = int(d["episode"].max()) + 1
    val_mask = d["episode"] >= int(n_ep * 0.95)
    train_idx = torch.nonzero(~val_mask).squeeze(1)
    val_idx = torch.nonzero(val_mask).squeeze(1)

    cfg = dict(
        dim=args.dim, patch_dim=patch_dim, vision_hidden=args.vision_hidden, rel_dim=32, layers=args.layers,
        heads=args.heads, ff=args.ff, cond_dim=args.cond_dim, proprio_dim=S, horizon=H, action_dim=A,
        head_hidden=args.head_hidden, t_dim=32, patches=P, vocab=vocab,
    )
    vision = Vision(patch_dim, P, args.dim, args.vision_hidden, vocab, cfg["rel_dim"])
    backbone = Backbone(args.dim, args.layers, args.heads, args.ff, vocab, S, args.cond_dim)
    head = FlowHead(H, A, args.cond_dim, args.head_hidden, cfg["t_dim"])
    # Training-only probe: the target's position (normalised like proprio) read linearly from cond. It
    # gives the backbone a direct signal to find the named block among the tokens, which the action loss
    # alone teaches slowly. Not exported.
    probe = torch.nn.Linear(args.cond_dim, 2)

    def batch(idx):
        patches = (d["patches"][idx].float() / 255.0 - pmean) / pstd
        proprio = (d["proprio"][idx] - pro_mean) / pro_std
        actions = (d["actions"][idx] - act_mean) / act_std
        target = (d["target"][idx] - pro_mean) / pro_std
        return patches, proprio, d["instruction"][idx], actions, d["relevance"][idx], target

    def keep_indices(rel_labels, k, gen):
        """Per sample: the labelled-relevant patches first (target, robot), then random others; top k.
        One time in five the order is fully random, so the backbone also copes with a missed patch."""
        b = rel_labels.shape[0]
        score = torch.rand(b, P, generator=gen)
        guided = torch.rand(b, 1, generator=gen) > 0.2
        score = score + 2.0 * rel_labels * guided
        return torch.topk(score, k, dim=1).indices

    def encode(patches, proprio, instr, rel_labels, gen, drop, with_attention_loss=False):
        b = patches.shape[0]
        index = torch.arange(P).unsqueeze(0).expand(b, P)
        tokens, rel_logits = vision(patches, index, instr)
        kept_labels = rel_labels
        if drop and torch.rand(1, generator=gen).item() > 0.3:
            k = int(torch.randint(args.min_keep, P + 1, (1,), generator=gen))
            keep = keep_indices(rel_labels, k, gen)
            tokens = torch.gather(tokens, 1, keep.unsqueeze(-1).expand(-1, -1, tokens.shape[2]))
            kept_labels = torch.gather(rel_labels, 1, keep)
        if not with_attention_loss:
            return backbone(instr, tokens, proprio), rel_logits
        cond, att = backbone(instr, tokens, proprio, want_attention=True)
        # Attention guidance (training only): in the first block, the instruction token's attention
        # (averaged over heads) should fall on the target/robot patches among the kept vision tokens.
        mass = (att[:, :, 0, 2:].mean(1) * kept_labels).sum(1)
        has = kept_labels.sum(1) > 0
        att_loss = -(torch.log(mass.clamp(min=1e-6)) * has).sum() / has.sum().clamp(min=1)
        return cond, rel_logits, att_loss

    gen = torch.Generator().manual_seed(args.seed + 1)
    # Few patches are relevant (about 1 in 10): weight positives so the scorer does not just say "no".
    rel_frac = float(d["relevance"].mean())
    pos_weight = torch.tensor((1 - rel_frac) / rel_frac)

    # ---- Phase 1: joint training --------------------------------------------------------------------
    params = [*vision.parameters(), *backbone.parameters(), *head.parameters(), *probe.parameters()]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.05)
    log_every = args.log_every or max(1, args.steps // 20)
    for step in range(args.steps):
        idx = train_idx[torch.randint(len(train_idx), (args.batch,), generator=gen)]
        patches, proprio, instr, actions, rel, target = batch(idx)
        cond, rel_logits, att_loss = encode(patches, proprio, instr, rel, gen, drop=True, with_attention_loss=True)
        probe_loss = F.mse_loss(probe(cond), target)
        x0 = torch.randn(actions.shape, generator=gen)
        t = torch.rand(actions.shape[0], generator=gen)
        xt = (1 - t[:, None, None]) * x0 + t[:, None, None] * actions
        flow_loss = F.mse_loss(head(xt, t, cond), actions - x0)
        rel_loss = F.binary_cross_entropy_with_logits(rel_logits, rel, pos_weight=pos_weight)
        loss = flow_loss + 0.2 * rel_loss + args.probe_weight * probe_loss + args.attention_weight * att_loss
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        if step % log_every == 0 or step == args.steps - 1:
            print(f"[phase1 {step:5d}] flow {flow_loss.item():.4f} rel {rel_loss.item():.4f} probe {probe_loss.item():.4f} att {att_loss.item():.3f} "
                  f"({time.time() - t_start:.0f}s)", flush=True)

    vision.eval(), backbone.eval(), head.eval()
    for p_ in params:
        p_.requires_grad_(False)

    # ---- Phase 2: distil the one-step head from the N-step teacher -------------------------------------
    student_head = FlowHead(H, A, args.cond_dim, args.head_hidden, cfg["t_dim"])
    student_head.load_state_dict(head.state_dict())
    onestep = OneStepHead(student_head)
    opt2 = torch.optim.AdamW(onestep.parameters(), lr=args.lr * 0.5, weight_decay=0.0)
    sched2 = torch.optim.lr_scheduler.CosineAnnealingLR(opt2, T_max=max(1, args.distill_steps))
    log_every = max(1, args.distill_steps // 10)
    for step in range(args.distill_steps):
        idx = train_idx[torch.randint(len(train_idx), (args.batch,), generator=gen)]
        patches, proprio, instr, actions, rel, _ = batch(idx)
        with torch.no_grad():
            cond, _ = encode(patches, proprio, instr, rel, gen, drop=True)
            noise = torch.randn(actions.shape, generator=gen)
            target = euler_sample(head, noise, cond, args.sampler_steps)
        loss = F.mse_loss(onestep(noise, cond), target)
        opt2.zero_grad()
        loss.backward()
        opt2.step()
        sched2.step()
        if step % log_every == 0 or step == args.distill_steps - 1:
            print(f"[phase2 {step:5d}] distil {loss.item():.5f} ({time.time() - t_start:.0f}s)", flush=True)
    onestep.eval()

    # ---- Validation (open loop, held-out episodes) --------------------------------------------------
    with torch.no_grad():
        g = torch.Generator().manual_seed(12345)
        idx = val_idx[torch.randperm(len(val_idx), generator=g)[:1024]]
        patches, proprio, instr, actions, rel, target = batch(idx)
        cond, rel_logits = encode(patches, proprio, instr, rel, g, drop=False)
        noise = torch.randn(actions.shape, generator=g)
        n_step = euler_sample(head, noise, cond, args.sampler_steps)
        one = onestep(noise, cond)
        # Relevance quality: fraction of labelled-relevant patches within the top 12 by predicted relevance.
        top = torch.topk(rel_logits, 12, dim=1).indices
        hit = torch.gather(rel, 1, top).sum() / rel.sum().clamp(min=1)
        val = {
            "action_mse_nstep": F.mse_loss(n_step, actions).item(),
            "action_mse_onestep": F.mse_loss(one, actions).item(),
            "onestep_vs_nstep_mse": F.mse_loss(one, n_step).item(),
            "relevance_recall_top12": hit.item(),
            "target_probe_mse": F.mse_loss(probe(cond), target).item(),
        }
    print("validation (normalised units):", json.dumps(val), flush=True)

    norm = dict(
        img_mean=img_mean.tolist(), img_std=img_std.tolist(), pro_mean=pro_mean.tolist(),
        pro_std=pro_std.tolist(), act_mean=act_mean.tolist(), act_std=act_std.tolist(),
    )
    export_all(args, meta, cfg, norm, flops(cfg), val, vision, backbone, head, onestep,
               train_seconds=time.time() - t_start)
    print(f"done in {time.time() - t_start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
