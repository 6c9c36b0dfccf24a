#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, CPU seconds (user + system of the
command and every descendant it waited for) and the peak memory of its whole process tree,
as the sum of PSS (proportional set size: shared pages split between the processes that map
them) and of RSS, sampled every 20 ms. Usage: measure.py LABEL -- COMMAND..."""
import json
import os
import subprocess
import sys
import threading
import time


def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def tree(root):
    pending, seen = [root], []
    while pending:
        pid = pending.pop()
        seen.append(pid)
        pending.extend(children(pid))
    return seen


def memory_kib(pid):
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def main():
    label, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    peak = {"pss": 0, "rss": 0}
    done = threading.Event()
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def sample():
        while not done.is_set():
            total_pss = total_rss = 0
            for pid in tree(process.pid):
                pss, rss = memory_kib(pid)
                total_pss += pss
                total_rss += rss
            peak["pss"] = max(peak["pss"], total_pss)
            peak["rss"] = max(peak["rss"], total_rss)
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    print(json.dumps({
        "label": label,
        "exit": os.waitstatus_to_exitcode(status),
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_pss_mib": round(peak["pss"] / 1024, 1),
        "peak_rss_mib": round(peak["rss"] / 1024, 1),
        "output": output.decode(errors="replace"),
    }))


if __name__ == "__main__":
    main()
