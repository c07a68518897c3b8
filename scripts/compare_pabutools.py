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
    python3 scripts/compare_pabutools.py --fuzz 300          # many small random elections

`--fuzz N` writes N small random elections (approval, cumulative, ordinal;
tiny numbers so that ties are frequent), counts each with every rule,
completion and satisfaction of the Pabulib README's mapping in pabutools and
with our command, and reports any difference (exit code 1 if there is one).

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

FUZZ_SNIPPET = r"""
import json, sys
from pabutools.election import (parse_pabulib, Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat,
                                Additive_Borda_Sat, AdditiveSatisfaction)
from pabutools.rules import (greedy_utilitarian_welfare, method_of_equal_shares, sequential_phragmen,
                             completion_by_rule_combination, exhaustion_by_budget_increase)

class Points_Times_Cost_Sat(AdditiveSatisfaction):
    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(self, instance, profile, ballot,
                                      lambda i, p, b, proj, pre: b.get(proj, 0) * proj.cost)

def mes(**extra):
    return lambda i, p: method_of_equal_shares(i, p, sat_class=Cost_Sat, **extra)

CALLS = {
    "greedy_cost_sat": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cost_Sat),
    "greedy_points": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Points_Times_Cost_Sat),
    "greedy_cardinality_sat": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cardinality_Sat),
    "greedy_cardinal_sat": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Additive_Cardinal_Sat),
    "greedy_borda_sat": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Additive_Borda_Sat),
    "mes_cost_sat": mes(),
    "mes_cost_sat_add1": mes(voter_budget_increment=1),
    "mes_cost_sat_add1_greedy": lambda i, p: completion_by_rule_combination(
        i, p, [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}]),
    "mes_cost_sat_budget_increase_greedy": lambda i, p: completion_by_rule_combination(
        i, p, [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
        [{"rule": method_of_equal_shares, "rule_params": {"sat_class": Cost_Sat}}, {"sat_class": Cost_Sat}]),
    "mes_cardinal_sat": lambda i, p: method_of_equal_shares(i, p, sat_class=Additive_Cardinal_Sat),
    "sequential_phragmen": lambda i, p: sequential_phragmen(i, p),
}
results = {}
for path, keys in json.load(sys.stdin).items():
    instance, profile = parse_pabulib(path)
    results[path] = {key: sorted(p.name for p in CALLS[key](instance, profile)) for key in keys}
print(json.dumps(results))
"""

# expected key -> our arguments, per vote type (the README's mapping, plus --satisfaction for the rest)
FUZZ_KEYS = {
    "approval": {
        "greedy_cost_sat": ["--rule", "greedy"],
        "greedy_cardinality_sat": ["--rule", "greedy-per-cost"],
        "sequential_phragmen": ["--rule", "phragmen"],
    },
    "cumulative": {
        "greedy_points": ["--rule", "greedy"],
        "greedy_cost_sat": ["--rule", "greedy", "--satisfaction", "cost"],
        "greedy_cardinal_sat": ["--rule", "greedy", "--satisfaction", "points"],
        "mes_cardinal_sat": ["--rule", "mes", "--satisfaction", "points"],
    },
    "ordinal": {
        "greedy_cost_sat": ["--rule", "greedy"],
        "greedy_borda_sat": ["--rule", "greedy", "--satisfaction", "borda"],
    },
}
MES_KEYS = {
    "mes_cost_sat": ["--rule", "mes"],
    "mes_cost_sat_add1": ["--rule", "mes", "--completion", "add1"],
    "mes_cost_sat_add1_greedy": ["--rule", "mes", "--completion", "add1-greedy"],
    "mes_cost_sat_budget_increase_greedy": ["--rule", "mes", "--completion", "budget-increase-greedy"],
}


def random_election(rng, index, voters=12, top_cost=40):
    """A small random election as Pabulib text, and its vote type."""
    vote_type = rng.choice(["approval", "cumulative", "ordinal"])
    count = rng.randint(1, 7)
    ids = rng.sample(["1", "2", "3", "10", "11", "21", "100", "a", "b7", "B"], count)
    def amount(low, high):
        value = rng.randint(low, high)
        return f"{value}.5" if rng.random() < 0.1 else str(value)
    costs = [amount(0, top_cost) if rng.random() < 0.1 else amount(1, top_cost) for _ in ids]
    lines = ["META", "key;value", f"description;fuzz {index}", f"budget;{amount(0, 3 * top_cost)}",
             f"vote_type;{vote_type}", "PROJECTS", "project_id;cost"]
    lines += [f"{pid};{cost}" for pid, cost in zip(ids, costs)]
    lines += ["VOTES", "voter_id;vote;points" if vote_type == "cumulative" else "voter_id;vote"]
    for voter in range(rng.randint(0, voters)):
        # (pabutools cannot read an empty cumulative ballot, so those have one project at least)
        chosen = rng.sample(ids, rng.randint(1 if vote_type == "cumulative" else 0, count))
        if vote_type == "cumulative":
            points = [str(rng.randint(1, 4)) for _ in chosen]
            lines.append(f"v{voter};{','.join(chosen)};{','.join(points)}")
        else:
            lines.append(f"v{voter};{','.join(chosen)}")
    return "\n".join(lines) + "\n", vote_type


def fuzz(args, ours):
    import random
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="pabutools_fuzz_"))
    jobs, ours_args = {}, {}
    for i in range(args.fuzz):
        text, vote_type = random_election(rng, i, args.fuzz_voters, args.fuzz_cost)
        path = folder / f"fuzz_{i}.pb"
        path.write_text(text)
        keys = dict(FUZZ_KEYS[vote_type], **MES_KEYS)
        jobs[str(path)] = list(keys)
        ours_args[str(path)] = keys
    done = subprocess.run([sys.executable, "-c", FUZZ_SNIPPET], input=json.dumps(jobs),
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 2
    theirs = json.loads(done.stdout)
    differences = 0
    for path, keys in ours_args.items():
        for key, extra in keys.items():
            out = subprocess.run(ours + [path] + extra + ["--json"], capture_output=True, text=True)
            if out.returncode != 0:
                differences += 1
                print(f"{path} {key}: our command failed: {out.stderr.strip()}")
                continue
            mine = sorted(json.loads(out.stdout)["selected"])
            if mine != theirs[path][key]:
                differences += 1
                print(f"{path} {key}: pabutools {theirs[path][key]}, ours {mine}")
    checked = sum(len(k) for k in ours_args.values())
    print(f"{checked - differences} passed, {differences} failed")
    return 1 if differences else 0


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
    parser.add_argument("--fuzz", type=int, default=0, help="compare results on N random small elections")
    parser.add_argument("--fuzz-voters", type=int, default=12, help="most voters in a fuzz election")
    parser.add_argument("--fuzz-cost", type=int, default=40, help="highest project cost in a fuzz election")
    args = parser.parse_args()

    examples = None
    if args.ours is None or (args.file is None and not args.fuzz):
        examples = build_examples()
    ours = shlex.split(args.ours) if args.ours else [str(examples / "tally")]
    if args.fuzz:
        return fuzz(args, ours)
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
