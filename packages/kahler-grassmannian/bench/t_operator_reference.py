"""One T-operator iteration M = sum_i (w_i / s_i^H H s_i) s_i s_i^H in numpy (complex128), the same
computation as bench/t-operator.bench.ts, on random sections of the same shape. Prints one JSON line."""
import json
import sys
import time

import numpy as np


def main() -> None:
    n, N, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(0)
    s = rng.standard_normal((n, N)) + 1j * rng.standard_normal((n, N))
    w = rng.random(n)
    A = rng.standard_normal((N, N)) + 1j * rng.standard_normal((N, N))
    H = A @ A.conj().T / N + np.eye(N)
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        P = s @ H.T  # row i is (H s_i)^T
        S = np.einsum("ij,ij->i", s.conj(), P).real
        c = w / S
        M = (s * c[:, None]).T @ s.conj()  # sum_i c_i s_i s_i^H
        best = min(best, time.process_time() - t0)
    assert np.isfinite(M).all()
    print(json.dumps({"seconds": best, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
