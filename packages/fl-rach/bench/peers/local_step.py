"""fl-rach's hot path in numpy / PyTorch CPU for `pnpm bench:peers fl-rach`: top-K of |a| with
numpy.argpartition (indices sorted, as the package returns them), and one local update of the 784-32-10
ReLU MLP: two SGD steps (lr 0.05) of batch 32 on mean softmax cross-entropy with autograd, from the
weights and on the rows the TypeScript side sends. Checks: sum of the K indices; sum |delta w|."""
import numpy as np
import torch
import torch.nn.functional as F


def top_k(p):
    a, k = p["a"], p["k"]

    def call():
        idx = np.sort(np.argpartition(-np.abs(a), k - 1)[:k])
        vals = a[idx]  # the sparse update carries the values too, as selectTopK's does
        return float(idx.sum()) if vals.size == k else float("nan")

    return call


def local_update(p):
    x = torch.from_numpy(p["x"].reshape(-1, 784))
    y = torch.from_numpy(p["y"].astype(np.int64))
    w = torch.from_numpy(p["w"])
    rows = torch.from_numpy(p["rows"].astype(np.int64))
    lr = p["lr"]
    sizes = [784, 32, 10]

    def call():
        params, off = [], 0
        for fi, fo in zip(sizes[:-1], sizes[1:]):
            params.append(w[off:off + fi * fo].reshape(fi, fo).clone().requires_grad_(True))
            off += fi * fo
            params.append(w[off:off + fo].clone().requires_grad_(True))
            off += fo
        for step in range(2):
            r = rows[step * 32:(step + 1) * 32]
            h = torch.relu(x[r] @ params[0] + params[1])
            loss = F.cross_entropy(h @ params[2] + params[3], y[r])
            grads = torch.autograd.grad(loss, params)
            with torch.no_grad():
                params = [(q - lr * g).requires_grad_(True) for q, g in zip(params, grads)]
        with torch.no_grad():
            flat = torch.cat([q.reshape(-1) for q in params])
            return float((flat - w).abs().sum())

    return call


CASES = {"top_k": top_k, "local_update": local_update}
