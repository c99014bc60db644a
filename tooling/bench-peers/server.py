"""Python side of `pnpm bench:peers`: a long-lived child that loads one package's reference script
(bench/peers/*.py, a dict CASES of name -> setup(params) returning a zero-argument callable that
returns a check value) and answers JSON commands, one per line on stdin, with one JSON reply per line
on stdout, so that the TypeScript side can interleave its repeats with ours.

Commands: {"id", "op": "hello"} -> versions and the thread counts in force;
{"id", "op": "setup", "key", "case", "params", "target_ms"} -> first call's check value (from the
fresh state) and the number of calls per repeat; {"id", "op": "run", "key"} -> CPU ms per call
(time.process_time) and wall ms per call (time.perf_counter); {"id", "op": "drop", "key"};
{"id", "op": "quit"}. Arrays arrive as {"$f64": base64} / {"$f32": base64} / {"$i32": base64}
(little-endian) and are decoded to numpy arrays.
"""
import base64
import importlib.util
import json
import math
import os
import platform
import sys
import time
import traceback


def decode(value, np):
    if isinstance(value, dict):
        for tag, dtype in (("$f64", "<f8"), ("$f32", "<f4"), ("$i32", "<i4")):
            if tag in value and len(value) == 1:
                return np.frombuffer(base64.b64decode(value[tag]), dtype=dtype).copy()
        return {k: decode(v, np) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v, np) for v in value]
    return value


def thread_info(uses_torch):
    info = {
        "env": {k: os.environ.get(k) for k in (
            "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
    }
    try:
        import threadpoolctl
        info["threadpools"] = [
            {k: p.get(k) for k in ("internal_api", "prefix", "version", "architecture", "num_threads")}
            for p in threadpoolctl.threadpool_info()
        ]
    except ImportError:
        info["threadpools"] = "threadpoolctl not installed"
    if uses_torch:
        import torch
        info["torch_threads"] = torch.get_num_threads()
        info["torch_interop_threads"] = torch.get_num_interop_threads()
    return info


def main():
    script = sys.argv[1]
    import numpy as np
    found = importlib.util.spec_from_file_location("peer_script", script)
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    uses_torch = "torch" in sys.modules
    if uses_torch:
        import torch
        torch.set_num_threads(1)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass
    cases = {}
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        cmd = json.loads(line)
        rid = cmd.get("id", -1)
        try:
            op = cmd["op"]
            if op == "hello":
                result = {
                    "python": platform.python_version(),
                    "executable": sys.executable,
                    "numpy": np.__version__,
                    "torch": sys.modules["torch"].__version__ if uses_torch else None,
                    "threads": thread_info(uses_torch),
                    "cases": sorted(module.CASES),
                }
            elif op == "setup":
                fn = module.CASES[cmd["case"]](decode(cmd.get("params", {}), np))
                t0 = time.process_time()
                check = float(fn())
                first = (time.process_time() - t0) * 1e3
                # warm-up after the checked first call, as long as the TS side's (steady state)
                warmup = float(cmd.get("warmup_ms", 0)) / 1e3
                w0 = time.process_time()
                calls = 0
                while True:
                    fn()
                    calls += 1
                    if time.process_time() - w0 >= warmup:
                        break
                per_call = (time.process_time() - w0) * 1e3 / calls
                target = float(cmd.get("target_ms", 30))
                inner = max(1, min(1000, math.ceil(target / per_call))) if per_call > 0 else 1000
                cases[cmd["key"]] = (fn, inner)
                result = {"check": check, "inner": inner, "first_ms": first}
            elif op == "run":
                fn, inner = cases[cmd["key"]]
                c0, w0 = time.process_time(), time.perf_counter()
                for _ in range(inner):
                    fn()
                c1, w1 = time.process_time(), time.perf_counter()
                result = {"cpu_ms": (c1 - c0) * 1e3 / inner, "wall_ms": (w1 - w0) * 1e3 / inner}
            elif op == "drop":
                cases.pop(cmd["key"], None)
                result = {}
            elif op == "quit":
                out.write(json.dumps({"id": rid, "ok": True, "result": {}}) + "\n")
                out.flush()
                return
            else:
                raise ValueError("unknown op " + str(op))
            reply = {"id": rid, "ok": True, "result": result}
        except Exception:  # noqa: BLE001 — every failure goes back to the TS side as a reply
            reply = {"id": rid, "ok": False, "error": traceback.format_exc(limit=4)}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
