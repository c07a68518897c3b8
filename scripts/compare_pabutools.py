#!/usr/bin/env python3
"""Time pabutools 1.2.3 against our counting engine on the same .pb file.

By default a synthetic 90 000-voter, 160-project approval election is written
with the domain crate's `synth` example, then for each rule pabutools
(parse + rule, in a subprocess with a time limit) and our command
(`OURS FILE --rule R [--completion C] --json`, timed as a whole process:
start-up, reading, parsing and counting) are run, their selected projects
compared, and the times printed side by side.

    pip install pabutools==1.2.3
    python3 scripts/compare_pabutools.py                      # synthetic election
    python3 scripts/compare_pabutools.py --file some.pb --completions
    python3 scripts/compare_pabutools.py --ours "medborgarbudget tally"

Our side defaults to the `tally` example of the domain crate (built in
release mode first), which behaves like `medborgarbudget tally`.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PABUTOOLS_SNIPPET = r"""
import json, sys, time
from pabutools.election import parse_pabulib, Cost_Sat, Cardinality_Sat
from pabutools.rules import (greedy_utilitarian_welfare, method_of_equal_shares, sequential_phragmen,
                             completion_by_rule_combination, exhaustion_by_budget_increase)
path, rule = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
instance, profile = parse_pabulib(path)
t1 = time.perf_counter()
calls = {
    "greedy": lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat),
    "greedy-per-cost": lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cardinality_Sat),
    "phragmen": lambda: sequential_phragmen(instance, profile),
    "mes": lambda: method_of_equal_shares(instance, profile, sat_class=Cost_Sat),
    "mes add1": lambda: method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1),
    "mes add1-greedy": lambda: completion_by_rule_combination(
        instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}]),
    "mes budget-increase-greedy": lambda: completion_by_rule_combination(
        instance, profile, [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
        [{"rule": method_of_equal_shares, "rule_params": {"sat_class": Cost_Sat}}, {"sat_class": Cost_Sat}]),
}
outcome = calls[rule]()
t2 = time.perf_counter()
print(json.dumps({"selected": sorted(p.name for p in outcome), "parse": t1 - t0, "rule": t2 - t1}))
"""

RULES = ["greedy", "greedy-per-cost", "phragmen", "mes"]
COMPLETIONS = ["mes add1", "mes add1-greedy", "mes budget-increase-greedy"]


def cargo_target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


def build_examples():
    cmd = ["cargo", "build", "--release", "-p", "domain", "--example", "tally", "--example", "synth"]
    subprocess.run(cmd, cwd=REPO, check=True)
    return cargo_target_dir() / "release" / "examples"


def our_args(rule):
    words = rule.split()
    args = ["--rule", words[0]]
    if len(words) > 1:
        args += ["--completion", words[1]]
    return args + ["--json"]


def run_ours(ours, path, rule, repeats):
    best, selected = None, None
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(ours + [str(path)] + our_args(rule), capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        selected = sorted(json.loads(done.stdout)["selected"])
    return best, selected


def run_pabutools(path, rule, limit):
    try:
        done = subprocess.run([sys.executable, "-c", PABUTOOLS_SNIPPET, str(path), rule],
                              capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", help="a .pb file (default: generate the synthetic election)")
    parser.add_argument("--voters", type=int, default=90000)
    parser.add_argument("--projects", type=int, default=160)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ours", help="our command, e.g. 'medborgarbudget tally' (default: the tally example)")
    parser.add_argument("--completions", action="store_true", help="also time the MES completions")
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed to pabutools per rule")
    parser.add_argument("--repeats", type=int, default=3, help="runs of our command (the best is shown)")
    args = parser.parse_args()

    examples = None
    if args.ours is None or args.file is None:
        examples = build_examples()
    ours = shlex.split(args.ours) if args.ours else [str(examples / "tally")]
    if args.file:
        path = Path(args.file)
    else:
        path = Path(tempfile.gettempdir()) / f"synthetic_{args.voters}_{args.projects}_{args.seed}.pb"
        subprocess.run([str(examples / "synth"), str(path), "--voters", str(args.voters),
                        "--projects", str(args.projects), "--seed", str(args.seed)], check=True)
    print(f"file: {path} ({path.stat().st_size} bytes)")
    print(f"{'rule':<28} {'pabutools parse':>15} {'pabutools rule':>15} {'pabutools total':>15} {'ours (process)':>15}  same")
    rules = RULES + (COMPLETIONS if args.completions else [])
    mismatches = 0
    for rule in rules:
        ours_time, ours_selected = run_ours(ours, path, rule, args.repeats)
        theirs = run_pabutools(path, rule, args.timeout)
        if theirs is None:
            print(f"{rule:<28} {'':>15} {'> %ds' % args.timeout:>15} {'':>15} {ours_time:>14.3f}s  ?")
            continue
        same = theirs["selected"] == ours_selected
        mismatches += not same
        total = theirs["parse"] + theirs["rule"]
        print(f"{rule:<28} {theirs['parse']:>14.3f}s {theirs['rule']:>14.3f}s {total:>14.3f}s "
              f"{ours_time:>14.3f}s  {'yes' if same else 'NO'}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
