"""PyTorch reference for bench/hi-fm.bench.ts: the same computations, one CPU thread, median CPU ms.

Prints a JSON object with the keys of the TypeScript bench. Batch building is done in numpy-free
torch ops here (random targets of the right shape), so the ratio slightly favours PyTorch for the MLP step.
"""
import json
import math
import time

import torch

torch.set_num_threads(1)
REPEATS = 9
WARMUP_S = 1.0  # CPU seconds of warm-up per computation, as on the TypeScript side


def median_cpu_ms(fn):
    w0 = time.process_time()
    while time.process_time() - w0 < WARMUP_S:
        fn()
    ts = []
    for _ in range(REPEATS):
        c0 = time.process_time()
        fn()
        ts.append((time.process_time() - c0) * 1000)
    ts.sort()
    return ts[len(ts) // 2]


class Mlp(torch.nn.Module):
    def __init__(self, d, hidden=64, freqs=8):
        super().__init__()
        self.w = torch.tensor([(k + 1) * math.pi / 2 for k in range(freqs)])
        self.net = torch.nn.Sequential(
            torch.nn.Linear(d + 2 * freqs, hidden), torch.nn.SiLU(),
            torch.nn.Linear(hidden, hidden), torch.nn.SiLU(),
            torch.nn.Linear(hidden, hidden), torch.nn.SiLU(),
            torch.nn.Linear(hidden, d))

    def forward(self, x, t):
        a = t[:, None] * self.w[None, :]
        return self.net(torch.cat([x, torch.sin(a), torch.cos(a)], 1))


def mlp_step(d):
    net = Mlp(d)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        x = torch.randn(256, d)
        t = torch.rand(256)
        y = torch.randn(256, d)
        loss = ((net(x, t) - y) ** 2).sum() / 256
        opt.zero_grad()
        loss.backward()
        opt.step()

    return median_cpu_ms(lambda: [step() for _ in range(10)]) / 10


def exact_div(d):
    net = Mlp(d)
    x0 = torch.randn(500, d)

    def run():
        x = x0.clone().requires_grad_(True)
        t = torch.full((500,), 0.5)
        v = net(x, t)
        div = torch.zeros(500)
        for k in range(d):
            g, = torch.autograd.grad(v[:, k].sum(), x, retain_graph=True)
            div = div + g[:, k]
        return v.detach(), div.detach()

    return median_cpu_ms(run)


class Egnn(torch.nn.Module):
    def __init__(self, n=13, s=3, F=32, L=3, freqs=8):
        super().__init__()
        self.n, self.s, self.F, self.L = n, s, F, L
        self.w = torch.tensor([(k + 1) * math.pi / 2 for k in range(freqs)])
        self.t = torch.nn.Linear(2 * freqs, F)
        self.a = torch.nn.ModuleList([torch.nn.Linear(F, F, bias=False) for _ in range(L)])
        self.b = torch.nn.ModuleList([torch.nn.Linear(F, F) for _ in range(L)])
        self.dw = torch.nn.Parameter(torch.randn(L, F) * 0.1)
        self.e2 = torch.nn.ModuleList([torch.nn.Linear(F, F) for _ in range(L)])
        self.x = torch.nn.ModuleList([torch.nn.Linear(F, 1) for _ in range(L)])
        self.h = torch.nn.ModuleList([torch.nn.Linear(2 * F, F) for _ in range(L)])

    def forward(self, xf, t):
        B, n, s = xf.shape[0], self.n, self.s
        x = xf.view(B, n, s)
        x0 = x - x.mean(1, keepdim=True)
        a = t[:, None] * self.w[None, :]
        h = torch.nn.functional.silu(self.t(torch.cat([torch.sin(a), torch.cos(a)], 1)))[:, None, :].expand(B, n, self.F)
        mask = (1 - torch.eye(n))[None, :, :, None]
        x = x0
        for l in range(self.L):
            r = x[:, :, None, :] - x[:, None, :, :]
            d2 = (r ** 2).sum(-1, keepdim=True)
            pre = self.a[l](h)[:, :, None, :] + self.b[l](h)[:, None, :, :] + d2 * self.dw[l]
            m = torch.nn.functional.silu(self.e2[l](torch.nn.functional.silu(pre))) * mask
            coef = self.x[l](m)
            x = x + ((r / (1 + torch.sqrt(d2 + 1e-12))) * coef * mask).sum(2) / (n - 1)
            if l < self.L - 1:
                h = h + torch.nn.functional.silu(self.h[l](torch.cat([h, m.sum(2)], -1)))
        v = x - x0
        return (v - v.mean(1, keepdim=True)).reshape(B, n * s)


def egnn_step():
    net = Egnn()
    opt = torch.optim.Adam(net.parameters(), lr=5e-4)

    def step():
        x = torch.randn(32, 39)
        t = torch.rand(32)
        y = torch.randn(32, 39)
        loss = ((net(x, t) - y) ** 2).sum() / 32
        opt.zero_grad()
        loss.backward()
        opt.step()

    return median_cpu_ms(lambda: [step() for _ in range(2)]) / 2


print(json.dumps({
    "mlp_step_d2": mlp_step(2),
    "mlp_step_d8": mlp_step(8),
    "exact_div_d2": exact_div(2),
    "exact_div_d8": exact_div(8),
    "egnn_step_lj13": egnn_step(),
}))
