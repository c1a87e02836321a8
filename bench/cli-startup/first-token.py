#!/usr/bin/env python3
"""Time from process start to the first streamed token of `nexllm chat` (docs/cli.md#start-up).

Launches the command RUNS times against an emulator that is already running (NEXLLM_ENDPOINT, NEXLLM_API_KEY), after
WARMUP runs that are not counted (the emulator's own first requests compile its routes). For each run it takes the
time just before the process is created and the time the first byte arrives on the command's standard output (a pipe,
so the command writes plain text: the first byte is the first token of the answer), then the time the process exits.
Prints every run and the median, minimum and maximum of both.

With --pty, standard output is a pseudo-terminal instead (pty.openpty()), as when a person runs the command: the
command then sees a terminal (it asks for its size, which reads the terminfo, and may write ANSI sequences), and the
first byte is the first byte of text it writes there (escape sequences before it do not count). Standard error stays a pipe (the usage line goes there).

  python3 bench/cli-startup/first-token.py [--runs 20] [--warmup 3] [--pty] -- /path/to/nexllm chat "Hello"
"""
import argparse
import os
import pty
import re
import statistics
import subprocess
import sys
import time


SETUP_SEQUENCES = re.compile(rb"\x1b(\[[0-9;?]*[A-Za-z]|[=>])")


def run_once(command, use_pty=False):
    start = time.perf_counter_ns()
    if use_pty:
        master, slave = pty.openpty()
        process = subprocess.Popen(command, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        os.close(slave)
        # The first byte of text: .NET's console writes terminal set-up sequences (e.g. ESC [?1h ESC =, the keypad's
        # application mode, from the terminfo) before anything else; they are not the answer.
        chunks = []
        first = b""
        while not first:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            first = SETUP_SEQUENCES.sub(b"", b"".join(chunks))
        first_at = time.perf_counter_ns()
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the command has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        rest = b"".join(chunks)
    else:
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
    parser.add_argument("--pty", action="store_true", help="standard output on a pseudo-terminal instead of a pipe")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    for _ in range(args.warmup):
        run_once(command, args.pty)
    firsts, totals = [], []
    for i in range(args.runs):
        first, total = run_once(command, args.pty)
        firsts.append(first)
        totals.append(total)
        print(f"run {i + 1:2}: first token {first:6.1f} ms, exit {total:6.1f} ms")
    print(f"standard output on a {'pseudo-terminal' if args.pty else 'pipe'}")
    for name, values in (("first token", firsts), ("exit", totals)):
        print(f"{name}: median {statistics.median(values):.1f} ms, min {min(values):.1f} ms, max {max(values):.1f} ms ({len(values)} runs)")


if __name__ == "__main__":
    main()
