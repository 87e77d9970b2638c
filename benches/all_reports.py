#!/usr/bin/env python3
"""Times every command of bangcun at province scale: best and median wall
time, and peak memory, over several runs (the README's speed table).

    python3 benches/all_reports.py [--data DIR] [--runs N]

Makes the province data with the example generator when DIR does not exist,
and builds the release binary first.
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "bangcun")
COMMANDS = [
    "check",
    "report summary",
    "report summary --by township",
    "report overdue",
    "report revisits",
    "report attendance",
    "report attendance --missing",
    "report coverage",
    "report monthly --month 2026-10 -o {tmp}/m.html",
    "report monthly --month 2026-10 -o {tmp}/m.xlsx",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/tmp/bangcun-bench-province")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", default="2026-10-31")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.path.isdir(args.data):
        subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "gen", "--",
             "--seed", "1", "--scale", "province", args.data],
            cwd=ROOT, check=True)
    tmp = os.path.join(args.data, os.pardir)
    for command in COMMANDS:
        times, peaks = [], []
        for _ in range(args.runs):
            argv = ["/usr/bin/time", "-f", "%e %M", BINARY]
            argv += command.format(tmp=tmp).split()
            argv += ["--data", args.data, "--as-of", args.as_of]
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
            times.append(float(seconds))
            peaks.append(int(kilobytes))
        print(f"{command.format(tmp='.'):45s} best {min(times):.2f} s  "
              f"median {statistics.median(times):.2f} s  peak {max(peaks) / 1024:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
