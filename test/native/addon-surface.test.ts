// What the C++ registers and what sdk/native/addon.ts declares are the same names, both directions: the
// binding sources are parsed (so the CUDA and TensorRT parts count where they are not built here), and the
// loaded addon's own exports are checked against that parse for the parts this build has.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";

import { loadNative } from "../../sdk/native/addon.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bindingDir = join(root, "native", "src", "binding");

// ---- the C++ side ----

/** The body of the function whose definition starts with `head` (braces matched from the first after it). */
function body(source: string, head: string): string {
  const at = source.indexOf(head);
  if (at < 0) return "";
  const open = source.indexOf("{", at);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    else if (source[i] === "}" && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after ${head}`);
}

interface Registered {
  /** Part ("" for the addon's top level, else the name it is set under, e.g. "cuda") -> names set on it. */
  readonly parts: Map<string, Set<string>>;
  /** Class name (DefineClass) -> its instance methods and accessors. */
  readonly classes: Map<string, Set<string>>;
}

function registered(): Registered {
  const sources = readdirSync(bindingDir)
    .filter((f) => f.endsWith(".cpp") || f.endsWith(".h"))
    .map((f) => readFileSync(join(bindingDir, f), "utf8"));
  const all = sources.join("\n");
  const shared = [...body(all, "void register_tensor_kernels(").matchAll(/target\.Set\("(\w+)"/g)].map((m) => m[1] as string);
  assert.ok(shared.length > 0, "register_tensor_kernels not found in native/src/binding");

  const parts = new Map<string, Set<string>>([["", new Set()]]);
  // Definitions only (modules.h declares the same heads, ending in ";").
  const entries = [...all.matchAll(/(?:Napi::Object init|void register_\w+)\(Napi::Env env, Napi::Object exports\)\s*\{/g)].map((m) => body(all, m[0]));
  for (const fn of entries) {
    // Which local object becomes which part: exports.Set("cuda", cuda).
    const partOf = new Map<string, string>([["exports", ""]]);
    for (const m of fn.matchAll(/exports\.Set\("(\w+)",\s*(\w+)\)/g)) partOf.set(m[2] as string, m[1] as string);
    const add = (receiver: string, name: string) => {
      const part = partOf.get(receiver);
      if (part === undefined) return; // a result object, not the addon's surface
      const names = parts.get(part) ?? new Set<string>();
      names.add(name);
      parts.set(part, names);
    };
    for (const m of fn.matchAll(/(\w+)\.Set\("(\w+)"/g)) add(m[1] as string, m[2] as string);
    for (const m of fn.matchAll(/register_tensor_kernels<\w+>\(env,\s*(\w+)\)/g)) for (const name of shared) add(m[1] as string, name);
  }

  const classes = new Map<string, Set<string>>();
  for (const m of all.matchAll(/DefineClass\(\s*env,\s*"(\w+)",\s*\{([^}]*)\}/g)) {
    classes.set(m[1] as string, new Set([...(m[2] as string).matchAll(/Instance(?:Method|Accessor)<[^>]*>\("(\w+)"\)/g)].map((n) => n[1] as string)));
  }
  return { parts, classes };
}

// ---- the TypeScript side ----

const addonTs = ts.createSourceFile("addon.ts", readFileSync(join(root, "sdk", "native", "addon.ts"), "utf8"), ts.ScriptTarget.Latest, true);
const interfaces = new Map<string, ts.InterfaceDeclaration>();
addonTs.forEachChild((n) => {
  if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
});

function memberName(m: ts.TypeElement): string {
  assert.ok(m.name !== undefined && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)), `unnamed member in addon.ts: ${m.getText()}`);
  return m.name.text;
}

/** Members of an interface of addon.ts, with those of the interfaces it extends. */
function declared(name: string): Map<string, ts.TypeElement> {
  const decl = interfaces.get(name);
  assert.ok(decl, `addon.ts declares no interface ${name}`);
  const out = new Map<string, ts.TypeElement>();
  for (const h of decl.heritageClauses ?? []) for (const t of h.types) for (const [k, v] of declared(t.expression.getText())) out.set(k, v);
  for (const m of decl.members) out.set(memberName(m), m);
  return out;
}

/** Instance members of a class the addon exports, from its `new (...) => T` declaration. */
function instanceMembers(member: ts.TypeElement | undefined): Set<string> {
  assert.ok(member && ts.isPropertySignature(member) && member.type && ts.isConstructorTypeNode(member.type), "not a constructor type");
  const made = member.type.type;
  if (ts.isTypeLiteralNode(made)) return new Set(made.members.map(memberName));
  assert.ok(ts.isTypeReferenceNode(made), `constructor returns ${made.getText()}`);
  return new Set(declared(made.typeName.getText()).keys());
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe("native addon surface: the C++ bindings and sdk/native/addon.ts name the same things", () => {
  const cpp = registered();
  const top = declared("NativeAddon");
  const parts: [string, string][] = [
    ["", "NativeAddon"],
    ["cuda", "NativeCuda"],
    ["tensorrt", "NativeTensorRt"],
  ];

  for (const [part, iface] of parts) {
    it(`${part || "top level"}: every name registered is declared in ${iface}, and every one declared is registered`, () => {
      const names = cpp.parts.get(part);
      assert.ok(names, `no C++ registers the part "${part}"`);
      assert.deepEqual(sorted(names), sorted(declared(iface).keys()));
    });
  }

  it("the addon registers no part addon.ts does not know", () => {
    assert.deepEqual(sorted(cpp.parts.keys()), sorted(parts.map(([p]) => p)));
  });

  it("classes: Calibrator, TokenSelector and TrtEngine have the methods addon.ts declares", () => {
    const declaredClasses = new Map([
      ["Calibrator", instanceMembers(top.get("Calibrator"))],
      ["TokenSelector", instanceMembers(declared("NativeCuda").get("TokenSelector"))],
      ["TrtEngine", instanceMembers(declared("NativeTensorRt").get("TrtEngine"))],
    ]);
    assert.deepEqual(sorted(cpp.classes.keys()), sorted(declaredClasses.keys()));
    for (const [name, methods] of declaredClasses) assert.deepEqual(sorted(cpp.classes.get(name) ?? []), sorted(methods), name);
  });

  it("the loaded addon exports what its sources register, for the parts this build has", () => {
    const addon = loadNative() as unknown as Record<string, unknown>;
    assert.deepEqual(sorted(Object.keys(addon)), sorted(cpp.parts.get("") ?? []));
    const classMethods = (ctor: unknown) => {
      assert.equal(typeof ctor, "function");
      return sorted(Object.getOwnPropertyNames((ctor as { prototype: object }).prototype).filter((n) => n !== "constructor"));
    };
    assert.deepEqual(classMethods(addon.Calibrator), sorted(cpp.classes.get("Calibrator") ?? []));
    for (const part of ["cuda", "tensorrt"]) {
      const obj = addon[part] as Record<string, unknown> & { built: boolean };
      assert.deepEqual(sorted(Object.keys(obj)), obj.built ? sorted(cpp.parts.get(part) ?? []) : ["built"], part);
    }
    const cuda = addon.cuda as Record<string, unknown> & { built: boolean };
    if (cuda.built) assert.deepEqual(classMethods(cuda.TokenSelector), sorted(cpp.classes.get("TokenSelector") ?? []));
    const trt = addon.tensorrt as Record<string, unknown> & { built: boolean };
    if (trt.built) assert.deepEqual(classMethods(trt.TrtEngine), sorted(cpp.classes.get("TrtEngine") ?? []));
  });
});
