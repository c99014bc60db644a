"""The looped linear self-attention's training loss and its gradient with PyTorch autograd (float64), for
`pnpm bench:peers looped-transformer`: T applications of Z <- Z - (1/n) P (Z M Z^T) Q Z with one shared
(P, Q), M masking the query column, batched over prompts; loss = mean over prompts of
(-Z_T[D-1, N-1] - y_q)^2. Returns loss + sum|dP| + sum|dQ|."""
import torch


def lsa_step(p):
    b, dd, nn, loops = p["batch"], p["D"], p["N"], p["loops"]
    z0 = torch.from_numpy(p["z"].reshape(b, dd, nn))
    yq = torch.from_numpy(p["yq"])
    p0 = torch.from_numpy(p["p"].reshape(dd, dd))
    q0 = torch.from_numpy(p["q"].reshape(dd, dd))
    mask = torch.ones(nn, dtype=torch.float64)
    mask[-1] = 0.0

    def call():
        pm = p0.clone().requires_grad_(True)
        qm = q0.clone().requires_grad_(True)
        z = z0
        for _ in range(loops):
            s = (z * mask) @ z.transpose(1, 2)
            z = z - (pm @ s @ qm @ z) / (nn - 1)
        loss = ((-z[:, dd - 1, nn - 1] - yq) ** 2).mean()
        gp, gq = torch.autograd.grad(loss, (pm, qm))
        return float(loss) + float(gp.abs().sum()) + float(gq.abs().sum())

    return call


CASES = {"lsa_step": lsa_step}
