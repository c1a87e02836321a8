#!/usr/bin/env python3
"""Time from process start to the first streamed token of `nexllm chat` (docs/cli.md#start-up).

Launches the command RUNS times against an emulator that is already running (NEXLLM_ENDPOINT, NEXLLM_API_KEY), after
WARMUP runs that are not counted (the emulator's own first requests compile its routes). For each run it takes the
time just before the process is created and the time the first byte arrives on the command's standard output (a pipe,
so the command writes plain text: the first byte is the first token of the answer), then the time the process exits.
Prints every run and the median, minimum and maximum of both.

  python3 bench/cli-startup/first-token.py [--runs 20] [--warmup 3] -- /path/to/nexllm chat "Hello"
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.perf_counter_ns()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    first = os.read(process.stdout.fileno(), 1)
    first_at = time.perf_counter_ns()
    rest = process.stdout.read()
    error = process.stderr.read()
    code = process.wait()
    end = time.perf_counter_ns()
    if code != 0 or not first:
        sys.exit(f"{' '.join(command)} exited with {code}: {(first + rest).decode(errors='replace')}{error.decode(errors='replace')}")
    return (first_at - start) / 1e6, (end - start) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    for _ in range(args.warmup):
        run_once(command)
    firsts, totals = [], []
    for i in range(args.runs):
        first, total = run_once(command)
        firsts.append(first)
        totals.append(total)
        print(f"run {i + 1:2}: first token {first:6.1f} ms, exit {total:6.1f} ms")
    for name, values in (("first token", firsts), ("exit", totals)):
        print(f"{name}: median {statistics.median(values):.1f} ms, min {min(values):.1f} ms, max {max(values):.1f} ms ({len(values)} runs)")


if __name__ == "__main__":
    main()
