#!/usr/bin/env python3
"""Prints a Markdown table (average and best iteration, ms/op) from JMH JSON files."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    for b in json.load(open(path)):
        p = b["params"]
        raw = [x for it in b["primaryMetric"]["rawData"] for x in it]
        name = b["benchmark"].split(".")[-2] + "." + b["benchmark"].split(".")[-1]
        if "spec" in p:
            name = "`" + p["spec"] + "`"
        rows.append((name, int(p["n"]), int(p["d"]), int(p["f"]), b["primaryMetric"]["score"], min(raw)))
print("| benchmark | n | d | f | avg ms/op | best iteration ms/op |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %s | %d | %d | %d | %.2f | %.2f |" % r)
