"""PGD-l2, PGD-linf and LoRa-PGD written in PyTorch CPU for `pnpm bench:peers lowrank-pgd`, on the same
784-256-10 ReLU MLP (weights sent by the TypeScript side), mean softmax cross-entropy, box [0, 1]:
PGD-l2 steps alpha g/(||g|| + 1e-10) per image, projects the perturbation onto the eps-ball; PGD-linf
steps alpha sign(g) and clips the perturbation; LoRa-PGD ascends on factors U (28 x r), V (r x 28) per
image with per-image normalised gradient steps, the perturbation being eps UV/(||UV||_F + 1e-10).
Each call runs 10 steps and returns the sum of the adversarial images."""
import torch
import torch.nn.functional as F

STEPS = 10
EPS_DIV = 1e-10


def model_of(p):
    w0 = torch.from_numpy(p["w0"].reshape(784, 256))
    b0 = torch.from_numpy(p["b0"])
    w1 = torch.from_numpy(p["w1"].reshape(256, 10))
    b1 = torch.from_numpy(p["b1"])

    def logits(x):
        h = torch.relu(x.reshape(x.shape[0], -1) @ w0 + b0)
        return h @ w1 + b1

    return logits


def data_of(p):
    b = p["batch"]
    x = torch.from_numpy(p["x"].reshape(b, 28, 28, 1))
    y = torch.from_numpy(p["y"].astype("int64"))
    return x, y


def per_image_normalised(g):
    flat = g.reshape(g.shape[0], -1)
    return (flat / (flat.norm(dim=1, keepdim=True) + EPS_DIV)).reshape(g.shape)


def pgd(p, norm, eps, alpha):
    f = model_of(p)
    x, y = data_of(p)
    b = x.shape[0]

    def call():
        adv = x.clone()
        for _ in range(STEPS):
            adv.requires_grad_(True)
            loss = F.cross_entropy(f(adv), y)
            (g,) = torch.autograd.grad(loss, adv)
            with torch.no_grad():
                if norm == "l2":
                    delta = adv + alpha * per_image_normalised(g) - x
                    n = delta.reshape(b, -1).norm(dim=1).reshape(b, 1, 1, 1)
                    delta = delta * torch.clamp(eps / n, max=1.0)
                else:
                    delta = torch.clamp(adv + alpha * g.sign() - x, -eps, eps)
                adv = torch.clamp(x + delta, 0.0, 1.0)
        return float(adv.sum())

    return call


def pgd_l2(p):
    return pgd(p, "l2", 1.5, 1.8 * 1.5 / STEPS)


def pgd_linf(p):
    return pgd(p, "linf", 0.1, 2 / 255)


def lora_pgd(p):
    f = model_of(p)
    x, y = data_of(p)
    b, r, eps = x.shape[0], p["rank"], 1.5
    u_init = torch.from_numpy(p["u0"].reshape(b, 28, r))

    def perturbed(u, v):
        prod = torch.bmm(u, v).reshape(b, -1)
        scaled = prod * eps / (torch.sqrt((prod * prod).sum(dim=1, keepdim=True) + 1e-20) + EPS_DIV)
        return torch.clamp(x + scaled.reshape(b, 28, 28, 1), 0.0, 1.0)

    def call():
        u = u_init.clone()
        v = torch.zeros(b, r, 28)
        for _ in range(STEPS):
            u.requires_grad_(True)
            v.requires_grad_(True)
            loss = F.cross_entropy(f(perturbed(u, v)), y)
            gu, gv = torch.autograd.grad(loss, (u, v))
            with torch.no_grad():
                u = u + per_image_normalised(gu)
                v = v + per_image_normalised(gv)
        with torch.no_grad():
            return float(perturbed(u, v).sum())

    return call


CASES = {"pgd_l2": pgd_l2, "pgd_linf": pgd_linf, "lora_pgd": lora_pgd}
