"""Reference DQN update in PyTorch CPU for `pnpm bench:peers rl-agents`: the 4-w-w-2 ReLU MLP, a target
copy, Adam (lr 1e-3, eps 3.125e-4), the Huber loss (delta 1, mean over the batch) of
Q(s, a) against r + 0.99 (1 - done) max_a' Q_target(s', a'), with a batch drawn uniformly with
replacement from the replay, as DqnAgent.update does. The first call uses the batch indices the
TypeScript agent drew and returns loss + sum |delta theta| of its Adam step."""
import math

import numpy as np
import torch
import torch.nn.functional as F


def build_net(sizes, flat):
    layers = []
    offset = 0
    for i in range(len(sizes) - 1):
        fan_in, fan_out = sizes[i], sizes[i + 1]
        lin = torch.nn.Linear(fan_in, fan_out)
        w = flat[offset:offset + fan_in * fan_out].reshape(fan_in, fan_out)
        offset += fan_in * fan_out
        b = flat[offset:offset + fan_out]
        offset += fan_out
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w.T.copy()))
            lin.bias.copy_(torch.from_numpy(b.copy()))
        layers.append(lin)
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def dqn_update(p):
    width, obs_dim, actions, batch = p["width"], p["obs_dim"], p["actions"], p["batch"]
    sizes = [obs_dim, width, width, actions]
    online = build_net(sizes, p["params"])
    target = build_net(sizes, p["params"])
    opt = torch.optim.Adam(online.parameters(), lr=1e-3, eps=3.125e-4)
    n = p["transitions"]
    i = np.arange(n)
    obs_np = np.sin(i[:, None] * 0.37 + np.arange(obs_dim)[None, :]).astype(np.float32)
    obs = torch.from_numpy(obs_np)
    next_obs = obs
    act = torch.from_numpy((i % 2).astype(np.int64))
    rew = torch.ones(n)
    done = torch.from_numpy((i % 50 == 0).astype(np.float32))
    state = {"first": torch.from_numpy(p["first_indices"].astype(np.int64))}

    def call():
        first = state["first"]
        idx = first if first is not None else torch.randint(0, n, (batch,))
        before = [q.detach().clone() for q in online.parameters()] if first is not None else None
        with torch.no_grad():
            q_next = target(next_obs[idx]).max(dim=1).values
            y = rew[idx] + 0.99 * (1.0 - done[idx]) * q_next
        q = online(obs[idx]).gather(1, act[idx].unsqueeze(1)).squeeze(1)
        loss = F.huber_loss(q, y, delta=1.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if before is None:
            return math.nan
        state["first"] = None
        moved = sum(float((q1.detach() - q0).abs().sum()) for q1, q0 in zip(online.parameters(), before))
        return float(loss) + moved

    return call


CASES = {"dqn_update": dqn_update}
