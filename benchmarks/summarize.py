#!/usr/bin/env python3
"""Prints Markdown tables from JMH JSON files.

Usage: summarize.py FILE...            one row per result: average and best iteration (ms/op)
       summarize.py --pivot FILE...    PipelineBenchmark: one row per spec, one column per (n, d)
"""
import json
import sys

args = sys.argv[1:]
pivot = bool(args) and args[0] == "--pivot"
files = args[1:] if pivot else args


def load():
    for path in files:
        for b in json.load(open(path)):
            raw = [x for it in b["primaryMetric"]["rawData"] for x in it]
            yield b, raw


if pivot:
    cells, specs, cols = {}, [], []
    for b, raw in load():
        p = b["params"]
        key = (int(p["d"]), int(p["n"]))
        if p["spec"] not in specs:
            specs.append(p["spec"])
        if key not in cols:
            cols.append(key)
        cells[(p["spec"], key)] = b["primaryMetric"]["score"]
    cols.sort()
    print("| spec | " + " | ".join("d=%g n=%d" % c for c in cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for s in specs:
        print("| `%s` | " % s.replace("|", "\\|") + " | ".join("%.1f" % cells[(s, c)] for c in cols) + " |")
else:
    print("| benchmark | n | d | f | avg ms/op | best iteration ms/op |")
    print("|---|---:|---:|---:|---:|---:|")
    for b, raw in load():
        p = b["params"]
        name = ".".join(b["benchmark"].split(".")[-2:])
        print("| %s | %s | %s | %s | %.2f | %.2f |" % (name, p["n"], p["d"], p["f"], b["primaryMetric"]["score"], min(raw)))
