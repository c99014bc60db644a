"""Reference computations of core-tensor's kernels for `pnpm bench:peers core-tensor`: torch.matmul on
float32 (plain and transposed operands, the transposes as strided views like tfjs's flags) and numpy's
float64 BLAS/LAPACK for GEMM, the weighted Gram XᵀWX, Cholesky and complex GEMM. Each setup returns a
callable whose first call returns ‖result‖²_F, the value the TypeScript side compares."""
import numpy as np
import torch


def first_checked(compute, check):
    state = {"first": True}

    def call():
        r = compute()
        if state["first"]:
            state["first"] = False
            return check(r)
        return float("nan")

    return call


def torch_matmul(p):
    a = torch.from_numpy(p["a"].reshape(p["a_shape"]))
    b = torch.from_numpy(p["b"].reshape(p["b_shape"]))
    mode = p["mode"]
    if mode == "NN":
        return first_checked(lambda: torch.matmul(a, b), lambda c: float((c.double() ** 2).sum()))
    if mode == "NT":
        return first_checked(lambda: torch.matmul(a, b.t()), lambda c: float((c.double() ** 2).sum()))
    return first_checked(lambda: torch.matmul(a.t(), b), lambda c: float((c.double() ** 2).sum()))


def gemm(p):
    n = p["n"]
    a, b = p["a"].reshape(n, n), p["b"].reshape(n, n)
    return first_checked(lambda: a @ b, lambda c: float((c ** 2).sum()))


def weighted_gram(p):
    x = p["x"].reshape(p["n"], p["d"])
    w = p["w"]
    # XᵀWX as one scaled copy and one GEMM, the way a numpy user writes it
    return first_checked(lambda: (x * w[:, None]).T @ x, lambda g: float((g ** 2).sum()))


def cholesky(p):
    n = p["n"]
    a = p["a"].reshape(n, n)
    return first_checked(lambda: np.linalg.cholesky(a), lambda l: float((l ** 2).sum()))


def complex_gemm(p):
    n = p["n"]
    a = (p["are"] + 1j * p["aim"]).reshape(n, n)
    b = (p["bre"] + 1j * p["bim"]).reshape(n, n)
    return first_checked(lambda: a @ b, lambda c: float((np.abs(c) ** 2).sum()))


CASES = {
    "torch_matmul": torch_matmul,
    "gemm": gemm,
    "weighted_gram": weighted_gram,
    "cholesky": cholesky,
    "complex_gemm": complex_gemm,
}
