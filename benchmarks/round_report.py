#!/usr/bin/env python3
"""Summarise a run of run-round.sh: round times, floor, ratio, phases, coordinator heap, load.

    python3 benchmarks/round_report.py --raw benchmarks/results/round/raw --warmup 2 --cooldown 1 \
        --out benchmarks/results/round

Reads raw/d<D>/rep<N>/{coordinator.events.csv, client-*.events.csv, coordinator.heap.csv,
floor.csv}, raw/load.csv and raw/run.txt; writes summary.json, summary.csv and rounds.csv to --out
and prints a Markdown table. The first --warmup rounds of every repetition are dropped (JIT
warm-up), and the last --cooldown ones (the clients' JVMs exit while the coordinator still works on
the final round), for Rampart and for the floor alike; medians are over the remaining rounds of
all repetitions.
"""
import argparse
import csv
import json
import statistics
from pathlib import Path

# Milestones of a Rampart round, in ms after the coordinator started it (published the plan),
# and the phases between consecutive ones (see the benchmarks README).
PHASES = [
    ("distribution", "ready"),       # plan out, every client holds plan and verified model
    ("training", "trained"),         # the trainer (does nothing) returned, slowest client
    ("upload", "sent"),              # every client's update sealed, framed, sent and acknowledged
    ("intake", "closed"),            # coordinator read and verified the last update, closed the round
    ("aggregation", "model_start"),  # average, server step, digest, model sealed; first frame sent
    ("publication", "model_acked"),  # every model frame acknowledged by the broker
    ("tail", "end"),                 # offset commit, summary: the round's duration ends
]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def rampart_rounds(rep_dir):
    """Per round: duration and milestones (ms after the round's start)."""
    events = read_csv(rep_dir / "coordinator.events.csv")
    clients = {}
    for path in sorted(rep_dir.glob("client-*.events.csv")):
        for e in read_csv(path):
            clients.setdefault(e["party"], []).append(e)
    rows = []
    previous_end = None
    plans = sorted(int(e["micros"]) for e in events if e["kind"] == "send" and e["topic"] == "plans")
    for e in events:
        if e["kind"] != "round":
            continue
        r, logged, dur = int(e["round"]), int(e["micros"]), int(e["value"])
        # The listener that logs a round can run late (a collector pause after the summary is
        # made): when the round's opening plan was sent before end - duration, the round started
        # no later than that send, and it ended its duration after its start.
        opening = [p for p in plans if (previous_end is None or p > previous_end) and p <= logged]
        start = min(logged - dur, opening[0]) if opening else logged - dur
        row = milestones(r, (start, start + dur, logged), events, clients, opening)
        row["listener_late_ms"] = (logged - start - dur) / 1000.0
        rows.append(row)
        previous_end = logged
    for row, following in zip(rows, rows[1:]):
        # From this round's opening plan to the next one's: the pace at which rounds follow
        # each other, everything between two rounds included.
        row["period_ms"] = round(following["opening_plan_abs_ms"] - row["opening_plan_abs_ms"], 3) \
            if row["opening_plan_abs_ms"] is not None and following["opening_plan_abs_ms"] is not None else None
    return rows


def within(events, kind, topic, lo, hi):
    return [int(e["micros"]) for e in events
            if e["kind"] == kind and e["topic"] == topic and lo <= int(e["micros"]) <= hi]


def milestones(r, times, events, clients, round_plans):
    """times: the round's start, its end (start + duration) and when its end was logged."""
    start, finish, end = times
    # The duration has millisecond resolution: allow 1 ms before the computed start.
    lo = start - 1000
    ready, trained, sent = [], [], []
    for party, evs in clients.items():
        train = [e for e in evs if e["kind"] == "train" and int(e["round"]) == r]
        if not train:
            continue
        t0, t1 = int(train[0]["micros"]), int(train[0]["value"])
        ready.append(t0)
        trained.append(t1)
        acks = within(evs, "ack", "updates", t1, end)
        sent.append(max(acks) if acks else t1)
    plans = round_plans
    model_sends = within(events, "send", "models", lo, end)
    model_acks = within(events, "ack", "models", lo, end)
    consumed = within(events, "consume", "updates", lo, end)
    ms = lambda t: (t - start) / 1000.0
    m = {
        "round": r,
        "duration_ms": (finish - start) / 1000.0,
        "ready": ms(max(ready)) if ready else None,
        "trained": ms(max(trained)) if trained else None,
        "sent": ms(max(sent)) if sent else None,
        "collected": ms(max(consumed)) if consumed else None,
        "closed": ms(plans[-1]) if len(plans) > 1 else None,
        "opening_plan_abs_ms": plans[0] / 1000.0 if plans else None,
        "model_start": ms(min(model_sends)) if model_sends else None,
        "model_acked": ms(max(model_acks)) if model_acks else None,
        "end": ms(finish),
        "training_max_ms": max((b - a) / 1000.0 for a, b in zip(ready, trained)) if ready else None,
        "clients": len(ready),
    }
    previous = 0.0
    for phase, milestone in PHASES:
        value = m[milestone]
        m["phase_" + phase] = None if value is None or previous is None else value - previous
        previous = value
    return m


def floor_rounds(rep_dir):
    rows = []
    for e in read_csv(rep_dir / "floor.csv"):
        s, mr, end = int(e["start_micros"]), int(e["models_received_micros"]), int(e["end_micros"])
        rows.append({"round": int(e["round"]), "duration_ms": (end - s) / 1000.0,
                     "model_fanout_ms": (mr - s) / 1000.0, "updates_ms": (end - mr) / 1000.0})
    return rows


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(raw, warmup, cooldown):
    loads = {row["label"]: [float(row["load1"]), float(row["load5"]), float(row["load15"])]
             for row in read_csv(raw / "load.csv")}
    dims, every_round = [], []
    for d_dir in sorted(raw.glob("d*"), key=lambda p: int(p.name[1:])):
        d = int(d_dir.name[1:])
        reps, ramp, flo, heaps = [], [], [], []
        for rep_dir in sorted(d_dir.glob("rep*"), key=lambda p: int(p.name[3:])):
            rep = int(rep_dir.name[3:])
            rr, fr = rampart_rounds(rep_dir), floor_rounds(rep_dir)
            last = max(x["round"] for x in rr)
            steady = lambda row: warmup < row["round"] <= last - cooldown
            for kind, rows in (("rampart", rr), ("floor", fr)):
                for row in rows:
                    every_round.append(dict(d=d, rep=rep, kind=kind, steady=steady(row), **row))
            steady_r = [x for x in rr if steady(x)]
            steady_f = [x for x in fr if steady(x)]
            ramp += steady_r
            flo += steady_f
            heap = read_csv(rep_dir / "coordinator.heap.csv")[0]
            heaps.append({k: int(v) for k, v in heap.items()})
            reps.append({"rep": rep, "rampart_median_ms": median([x["duration_ms"] for x in steady_r]),
                         "floor_median_ms": median([x["duration_ms"] for x in steady_f]),
                         "rampart_rounds_ms": [x["duration_ms"] for x in rr],
                         "floor_rounds_ms": [x["duration_ms"] for x in fr],
                         "coordinator_heap": heaps[-1]})
        rm, fm = median([x["duration_ms"] for x in ramp]), median([x["duration_ms"] for x in flo])
        dims.append({
            "d": d, "model_bytes": 4 * d, "steady_rounds": len(ramp), "floor_steady_rounds": len(flo),
            "rampart_median_ms": rm, "floor_median_ms": fm,
            "rampart_period_median_ms": median([x.get("period_ms") for x in ramp]),
            "listener_late_median_ms": median([x.get("listener_late_ms") for x in ramp]),
            "ratio": rm / fm if rm and fm else None,
            "phases_median_ms": {p: median([x["phase_" + p] for x in ramp]) for p, _ in PHASES},
            "milestones_median_ms": {k: median([x[k] for x in ramp])
                                     for k in ("ready", "trained", "sent", "collected", "closed",
                                               "model_start", "model_acked", "end")},
            "floor_phases_median_ms": {"model_fanout": median([x["model_fanout_ms"] for x in flo]),
                                       "updates": median([x["updates_ms"] for x in flo])},
            "coordinator_peak_heap_mib": {
                "pool_peak_sum_max": max(h["pool_peak_sum_bytes"] for h in heaps) / 2**20,
                "sampled_max": max(h["sampled_max_bytes"] for h in heaps) / 2**20,
                "max_heap": heaps[0]["max_heap_bytes"] / 2**20},
            "load_before": loads.get("d%d-before" % d), "load_after": loads.get("d%d-after" % d),
            "repetitions": reps,
        })
    run = dict(line.split("=", 1) for line in (raw / "run.txt").read_text().splitlines() if "=" in line)
    return {"run": run, "warmup_rounds_dropped": warmup, "final_rounds_dropped": cooldown, "load_start": loads.get("start"),
            "load_end": loads.get("end"), "dimensions": dims}, every_round


def fmt(v, digits=0):
    return "n/a" if v is None else ("%.*f" % (digits, v))


def table(summary):
    lines = ["| d | Rampart round, median ms | floor, median ms | ratio | plan to next plan, median ms "
             "| coordinator peak heap MiB (pool peaks / sampled) | load 1-min before → after |",
             "|---:|---:|---:|---:|---:|---:|---|"]
    for x in summary["dimensions"]:
        h = x["coordinator_peak_heap_mib"]
        lb, la = x["load_before"] or [None], x["load_after"] or [None]
        lines.append("| 10^%d | %s | %s | %s× | %s | %s / %s (of %s) | %s → %s |" % (
            len(str(x["d"])) - 1, fmt(x["rampart_median_ms"]), fmt(x["floor_median_ms"]),
            fmt(x["ratio"], 1), fmt(x["rampart_period_median_ms"]), fmt(h["pool_peak_sum_max"]), fmt(h["sampled_max"]), fmt(h["max_heap"]),
            fmt(lb[0], 2), fmt(la[0], 2)))
    lines += ["", "| d | " + " | ".join(p for p, _ in PHASES) + " | floor model fan-out | floor updates |",
              "|---:|" + "---:|" * (len(PHASES) + 2)]
    for x in summary["dimensions"]:
        ph, fp = x["phases_median_ms"], x["floor_phases_median_ms"]
        lines.append("| 10^%d | " % (len(str(x["d"])) - 1) + " | ".join(fmt(ph[p]) for p, _ in PHASES)
                     + " | %s | %s |" % (fmt(fp["model_fanout"]), fmt(fp["updates"])))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True, type=Path)
    parser.add_argument("--warmup", required=True, type=int)
    parser.add_argument("--cooldown", default=1, type=int)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    summary, every_round = summarise(args.raw, args.warmup, args.cooldown)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    keys = sorted({k for row in every_round for k in row}, key=lambda k: (k not in ("d", "rep", "kind", "round"), k))
    with open(args.out / "rounds.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(every_round)
    with open(args.out / "summary.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["d", "rampart_median_ms", "floor_median_ms", "ratio", "coordinator_pool_peak_sum_mib",
                    "coordinator_sampled_peak_mib", "load1_before", "load1_after"]
                   + ["phase_%s_ms" % p for p, _ in PHASES])
        for x in summary["dimensions"]:
            h = x["coordinator_peak_heap_mib"]
            w.writerow([x["d"], x["rampart_median_ms"], x["floor_median_ms"], x["ratio"], h["pool_peak_sum_max"],
                        h["sampled_max"], (x["load_before"] or [None])[0], (x["load_after"] or [None])[0]]
                       + [x["phases_median_ms"][p] for p, _ in PHASES])
    md = table(summary)
    (args.out / "summary.md").write_text(md + "\n")
    print(md)


if __name__ == "__main__":
    main()
