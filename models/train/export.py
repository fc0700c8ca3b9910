"""Export the trained stages to ONNX (batch 1, dynamic patch/token axes) and write model.yaml."""

import hashlib
import os

import onnx
import torch
import yaml


class VisionExport(torch.nn.Module):
    """Relevance is exported as a probability (sigmoid of the scorer's logit): higher = more relevant."""

    def __init__(self, vision):
        super().__init__()
        self.vision = vision

    def forward(self, patches, patch_index, instruction):
        tokens, logits = self.vision(patches, patch_index, instruction)
        return tokens, torch.sigmoid(logits)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def tensor(name, dtype, shape):
    return {"name": name, "dtype": dtype, "shape": shape}


def export_all(args, meta, cfg, norm, fl, val, vision, backbone, head, onestep, train_seconds):
    out = args.out
    os.makedirs(out, exist_ok=True)
    P, PD, D, C = cfg["patches"], cfg["patch_dim"], cfg["dim"], cfg["cond_dim"]
    H, A, S = cfg["horizon"], cfg["action_dim"], cfg["proprio_dim"]
    k = 5  # example size for the dynamic axes

    specs = {
        "vision": dict(
            module=VisionExport(vision),
            example=(torch.zeros(1, k, PD), torch.arange(k).unsqueeze(0), torch.zeros(1, dtype=torch.int64)),
            inputs=[tensor("patches", "float32", [1, "patches", PD]), tensor("patch_index", "int64", [1, "patches"]),
                    tensor("instruction", "int64", [1])],
            outputs=[tensor("tokens", "float32", [1, "patches", D]), tensor("relevance", "float32", [1, "patches"])],
            dynamic={"patches": {1: "patches"}, "patch_index": {1: "patches"}, "tokens": {1: "patches"},
                     "relevance": {1: "patches"}},
        ),
        "backbone": dict(
            module=backbone,
            example=(torch.zeros(1, dtype=torch.int64), torch.zeros(1, k, D), torch.zeros(1, S)),
            inputs=[tensor("instruction", "int64", [1]), tensor("vision_tokens", "float32", [1, "tokens", D]),
                    tensor("proprio", "float32", [1, S])],
            outputs=[tensor("cond", "float32", [1, C])],
            dynamic={"vision_tokens": {1: "tokens"}},
        ),
        "head": dict(
            module=head,
            example=(torch.zeros(1, H, A), torch.zeros(1), torch.zeros(1, C)),
            inputs=[tensor("x_t", "float32", [1, H, A]), tensor("t", "float32", [1]), tensor("cond", "float32", [1, C])],
            outputs=[tensor("velocity", "float32", [1, H, A])],
            dynamic={},
        ),
        "head_onestep": dict(
            module=onestep,
            example=(torch.zeros(1, H, A), torch.zeros(1, C)),
            inputs=[tensor("noise", "float32", [1, H, A]), tensor("cond", "float32", [1, C])],
            outputs=[tensor("actions", "float32", [1, H, A])],
            dynamic={},
        ),
    }

    stages = {}
    for name, s in specs.items():
        path = os.path.join(out, f"{name}.onnx")
        torch.onnx.export(
            s["module"], s["example"], path,
            input_names=[t["name"] for t in s["inputs"]],
            output_names=[t["name"] for t in s["outputs"]],
            dynamic_axes=s["dynamic"] or None,
            opset_version=17,
            do_constant_folding=True,
        )
        onnx.checker.check_model(onnx.load(path))
        stages[name] = {
            "file": f"{name}.onnx",
            "sha256": sha256(path),
            "inputs": s["inputs"],
            "outputs": s["outputs"],
            "flops": fl[name],
        }

    created = (f"models/train/train.py --seed {args.seed} --steps {args.steps} --distill-steps {args.distill_steps} "
               f"--batch {args.batch} --threads {args.threads}; data: {meta['created_by']}")
    manifest = {
        "name": "tiny-vla",
        "version": "1.0.0",
        "description": ("Tiny reference VLA for the Reflex sim reaching task: patch-local vision encoder with "
                        "instruction relevance, transformer backbone over instruction + proprio + vision tokens, "
                        "flow-matching action head (Euler) and a distilled one-step head."),
        "created_by": created,
        "image": {
            "width": meta["image"]["width"], "height": meta["image"]["height"], "channels": 3, "encoding": "rgb8",
            "patch": meta["image"]["patch"], "grid": meta["image"]["grid"],
            "mean": norm["img_mean"], "std": norm["img_std"],
        },
        "tokens": {"count": P, "dim": D, "patch_dim": PD},
        "instruction": {"vocab": list(meta["colors"])},
        "proprio": {"dim": S, "fields": ["x", "y"], "mean": norm["pro_mean"], "std": norm["pro_std"]},
        "action": {"horizon": H, "dim": A, "fields": ["vx", "vy"], "units": "workspace units per second",
                   "step_ms": meta["task_options"]["stepMs"], "mean": norm["act_mean"], "std": norm["act_std"]},
        "sampler": {"type": "flow-euler", "default_steps": args.sampler_steps},
        "stages": stages,
        "training": {
            "seed": args.seed,
            "dataset": {"samples": meta["samples"], "episodes": meta["episodes"], "seed_base": meta["seed_base"],
                        "seeds": f"{meta['seed_base']}..{meta['seed_base'] + meta['episodes'] - 1}"},
            "validation": val,
            "seconds": round(train_seconds),
        },
    }
    with open(os.path.join(out, "model.yaml"), "w") as f:
        f.write("# Generated by models/train/train.py; do not edit by hand (hashes would go stale).\n")
        yaml.safe_dump(manifest, f, sort_keys=False, default_flow_style=None, width=120)
    for name in stages:
        print(f"exported {name}: {os.path.getsize(os.path.join(out, name + '.onnx'))} bytes")
