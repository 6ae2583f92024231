"""PyTorch's side of `noether bench`: the same workloads as Noether's, timed the same way.

Run by the bench command with /usr/bin/python3; prints one JSON object on stdout. Every figure is
the median of several timed repeats after warm-up repeats, as on the Java side.
"""
import argparse
import gzip
import json
import math
import os
import re
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--warmup-seconds", type=float, default=5.0, help="least warm-up time (as on the Java side)")
    parser.add_argument("--steps", type=int, default=40, help="training steps per repeat")
    parser.add_argument("--gemm", default="512,1024,2048")
    parser.add_argument("--data", default="")
    parser.add_argument("--only", default="", help="comma-separated workload names (default: all)")
    args = parser.parse_args()

    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    result = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}
    config = torch.__config__.show()
    blas = re.search(r"BLAS_INFO=([^,]+)", config)
    result["blas"] = blas.group(1) if blas else "unknown"
    only = set(filter(None, args.only.split(",")))

    def wanted(name):
        return not only or name in only

    def timed(run_once):
        """Median seconds of run_once over the timed repeats, after the warm-up ones
        (at least args.warmup of them and, unless that is 0, for args.warmup_seconds, as on the Java side)."""
        start = time.perf_counter()
        done = 0
        while done < args.warmup or (args.warmup > 0 and time.perf_counter() - start < args.warmup_seconds):
            run_once()
            done += 1
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            run_once()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    # A quick product whatever the workloads: the bench prints ratios only against a real BLAS.
    check_a = torch.rand(512, 512)
    check_b = torch.rand(512, 512)
    torch.mm(check_a, check_b)
    start = time.perf_counter()
    for _ in range(10):
        torch.mm(check_a, check_b)
    result["blas_check_gflops"] = 10 * 2 * 512 ** 3 / (time.perf_counter() - start) / 1e9

    # GEMM: C = A·B, n×n, float32.
    for n in [int(v) for v in args.gemm.split(",") if v]:
        if not wanted("gemm"):
            break
        a = torch.rand(n, n)
        b = torch.rand(n, n)
        c = torch.empty(n, n)
        reps = max(1, int(2e10 / (2 * n ** 3)))  # as on the Java side: about 2e10 operations

        def run_gemm():
            for _ in range(reps):
                torch.mm(a, b, out=c)

        result[f"sgemm_{n}_gflops"] = 2 * n ** 3 * reps / timed(run_gemm) / 1e9

    images, labels = fashion_mnist(args.data, torch)
    result["data"] = "Fashion-MNIST" if images is not None else "random images"
    if images is None:
        images = torch.rand(10000, 1, 28, 28)
        labels = torch.randint(0, 10, (10000,))

    def keras_cnn():
        # The Keras tutorial CNN, in PyTorch's default NCHW layout; softmax folded into the loss.
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))

    def mlp():
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))

    def lenet():
        # LeNet-5 as the examples build it: tanh, average pooling, the first convolution 'same'.
        return nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
            nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))

    def train_throughput(model, batch):
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        batches = [(images[i:i + batch].contiguous(), labels[i:i + batch].contiguous())
                   for i in range(0, 20 * batch, batch)]
        model.train()

        def run_steps():
            for step in range(args.steps):
                x, y = batches[step % len(batches)]
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                optimizer.step()

        return args.steps * batch / timed(run_steps)

    def fastest_convolutions(name, measure):
        """PyTorch at full strength: its convolutions run through oneDNN by default, which on some
        CPUs is several times slower than its native im2col path; both are timed, the faster kept."""
        speeds = {}
        for path, enabled in (("oneDNN", True), ("native", False)):
            torch.backends.mkldnn.enabled = enabled
            speeds[path] = measure()
        torch.backends.mkldnn.enabled = True
        best = max(speeds, key=speeds.get)
        result[name] = speeds[best]
        result[name + "_path"] = ", ".join(f"{path} {speed:.0f}" for path, speed in speeds.items()) + f": {best}"

    if wanted("cnn_train"):
        for batch in (64, 128):
            fastest_convolutions(f"cnn_train_{batch}_images_per_s", lambda: train_throughput(keras_cnn(), batch))
    if wanted("cnn_infer"):
        model = keras_cnn().eval()
        x = images[:256].contiguous()

        def run_inference():
            with torch.no_grad():
                for _ in range(args.steps // 4):
                    model(x)

        fastest_convolutions("cnn_infer_256_images_per_s", lambda: (args.steps // 4) * 256 / timed(run_inference))
    if wanted("mlp_train"):
        result["mlp_train_64_images_per_s"] = train_throughput(mlp(), 64)
    if wanted("lenet_train"):
        fastest_convolutions("lenet_train_64_images_per_s", lambda: train_throughput(lenet(), 64))
    if wanted("pinn"):
        result["pinn_step_ms"] = 1e3 * pinn_step_seconds(torch, nn, timed, args.steps // 4)

    json.dump(result, sys.stdout)
    print()


def pinn_step_seconds(torch, nn, timed, steps):
    """One Adam step on Raissi's Burgers loss: tanh MLP 2-20x8-1, 10,000 collocation points."""
    nu = 0.01 / math.pi
    layers = [nn.Linear(2, 20), nn.Tanh()]
    for _ in range(7):
        layers += [nn.Linear(20, 20), nn.Tanh()]
    net = nn.Sequential(*layers, nn.Linear(20, 1))
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    interior = torch.rand(10000, 2) * torch.tensor([2.0, 1.0]) - torch.tensor([1.0, 0.0])
    interior.requires_grad_(True)
    initial = torch.cat([torch.rand(50, 1) * 2 - 1, torch.zeros(50, 1)], 1)
    initial_u = -torch.sin(math.pi * initial[:, :1])
    boundary = torch.cat([torch.cat([-torch.ones(25, 1), torch.rand(25, 1)], 1),
                          torch.cat([torch.ones(25, 1), torch.rand(25, 1)], 1)])

    def step():
        optimizer.zero_grad()
        u = net(interior)
        du = torch.autograd.grad(u.sum(), interior, create_graph=True)[0]
        ux, ut = du[:, :1], du[:, 1:2]
        uxx = torch.autograd.grad(ux.sum(), interior, create_graph=True)[0][:, :1]
        residual = ut + u * ux - nu * uxx
        loss = (residual ** 2).mean() + ((net(initial) - initial_u) ** 2).mean() + (net(boundary) ** 2).mean()
        loss.backward()
        optimizer.step()

    def run_steps():
        for _ in range(steps):
            step()

    return timed(run_steps) / steps


def fashion_mnist(directory, torch):
    """The training images [n, 1, 28, 28] in [0, 1] and labels, or (None, None) without the files."""
    def read(name):
        for candidate in (name, name + ".gz"):
            path = os.path.join(directory, candidate)
            if os.path.isfile(path):
                opener = gzip.open if candidate.endswith(".gz") else open
                with opener(path, "rb") as f:
                    return f.read()
        return None

    if not directory:
        return None, None
    image_bytes = read("train-images-idx3-ubyte")
    label_bytes = read("train-labels-idx1-ubyte")
    if image_bytes is None or label_bytes is None:
        return None, None
    count = int.from_bytes(image_bytes[4:8], "big")
    images = torch.frombuffer(bytearray(image_bytes[16:16 + count * 784]), dtype=torch.uint8)
    labels = torch.frombuffer(bytearray(label_bytes[8:8 + count]), dtype=torch.uint8)
    return images.float().div(255).reshape(count, 1, 28, 28)[:10000].contiguous(), labels.long()[:10000].contiguous()


if __name__ == "__main__":
    main()
