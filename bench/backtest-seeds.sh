#!/usr/bin/env bash
# The candidates for leadscore's default model, and the seed's recipe beside them
# (bench/seed_recipe_backtest.py, context included and excluded), on the time-forward backtest
# over several random seeds, all in one run: one holdout is one period of about 6,600 calls and
# a single seed moves its ROC AUC by about ±0.015, so the comparison is of means. Prints one
# JSON line per run (also in bench/out/backtest-seeds.jsonl), a table of mean ± sd per
# candidate, and the winner by the criterion of docs/MODEL.md ("How the default is chosen"):
#   rank   = (AUC within period of the holdout + mean rolling ROC AUC) / 2, mean over the seeds;
#   ties   = candidates within TIE (0.005) of the best rank; among them the higher lift@10 % wins;
#   guard  = a candidate whose mean Brier is above the constant forecast at the training part's
#            rate, or more than BRIER_SLACK (0.02) above the best candidate's, is out.
# The seed's recipes are measured for comparison; they are not candidates.
#   bench/backtest-seeds.sh                        # the candidates below, seeds 1 2 3
#   SEEDS="1 2 3 4 5" RECIPES=0 bench/backtest-seeds.sh
#   CANDIDATES=$'default|\ndepth 3|--max-depth 3' bench/backtest-seeds.sh
# CANDIDATES: one "label|flags of leadscore train" a line. Runs one training at a time
# (OMP_WAIT_POLICY=passive); about 25 minutes on 2 shared cores with the default list.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LEADSCORE_BIN:-build/leadscore}
data=${DATA:-data/bank-additional-train.csv}
python=/usr/bin/python3
out=bench/out/backtest-seeds.jsonl
export OMP_WAIT_POLICY=passive
d='--grow-policy depthwise --max-leaves 0 --min-child-weight 1 --max-depth'
l='--grow-policy lossguide --max-depth 0 --max-leaves 31 --min-child-weight'
default_candidates="current, none, depth 5 (the default until 2026-12-07)|$d 5
current, none, depth 3|$d 3
current, none, depth 4|$d 4
current, none, depth 6|$d 6
current, weight, depth 3|--resampling weight $d 3
current, weight, depth 5|--resampling weight $d 5
exclude, none, depth 3|--context exclude $d 3
exclude, none, depth 5|--context exclude $d 5
current, lossguide 31 leaves, mcw 2|$l 2
current, lossguide 31 leaves, mcw 5 (the default)|$l 5
current, lossguide as HGB (eta 0.1, no sampling)|$l 2 --eta 0.1 --subsample 1 --colsample 1
exclude, lossguide 31 leaves, mcw 2|--context exclude $l 2"
candidates=${CANDIDATES:-$default_candidates}

if [[ ${RECIPES:-1} != 0 ]] && ! "$python" -c 'import pandas, sklearn, imblearn' 2>/dev/null; then
  echo "backtest-seeds: installing python3-pandas python3-sklearn python3-imblearn" >&2
  sudo=$([[ $(id -u) == 0 ]] && echo "" || echo sudo)
  $sudo apt-get install -y -qq --no-install-recommends python3-pandas python3-sklearn \
    python3-imblearn >&2
fi

mkdir -p bench/out
: > "$out"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "data: $data; seeds: ${SEEDS:-1 2 3}"
for seed in ${SEEDS:-1 2 3}; do
  while IFS='|' read -r label flags; do
    [[ -z $label ]] && continue
    # shellcheck disable=SC2086  # flags are words
    "$bin" train --data "$data" --backtest --rolling --json --seed "$seed" $flags </dev/null |
      "$python" -c 'import json,sys; j=json.load(sys.stdin); r=j.get("rolling",{}); print(json.dumps({"recipe":sys.argv[2],"candidate":True,"seed":int(sys.argv[1]),"auc":j["roc_auc"],"within":j["auc_within_period"],"pr_auc":j["pr_auc"],"brier":j["brier"],"lift10":j["lift_top10"],"rolling_auc":r.get("mean_roc_auc"),"rolling_within":r.get("mean_auc_within_period"),"rolling_lift10":r.get("mean_lift_top10"),"mean_score":j["mean_score"],"rate":j["positive_rate"],"seconds":round(j["seconds"],1)}))' "$seed" "$label" |
      tee -a "$out"
  done <<< "$candidates"
  if [[ ${RECIPES:-1} != 0 ]]; then
    for context in include exclude; do
      "$python" bench/seed_recipe_backtest.py --data "$data" --context "$context" --rolling \
        --json --threads 1 --seed "$seed" |
        "$python" -c 'import json,sys; j=json.load(sys.stdin); h=j["holdout"]; r=j.get("rolling") or {}; fs=r.get("folds",[]); print(json.dumps({"recipe":"seed recipe, context "+sys.argv[2],"candidate":False,"seed":int(sys.argv[1]),"auc":h["roc_auc"],"within":h["auc_within_period"],"pr_auc":h["pr_auc"],"brier":h["brier"],"lift10":h["lift_top10"],"rolling_auc":r.get("mean_roc_auc"),"rolling_within":r.get("mean_auc_within_period"),"rolling_lift10":r.get("mean_lift_top10"),"mean_score":h["mean_score"],"rate":h["positive_rate"],"seconds":round(h["seconds"]+sum(f["seconds"] for f in fs),1)}))' "$seed" "$context" |
        tee -a "$out"
    done
  fi
done
"$python" - "$out" "$data" "${TIE:-0.005}" "${BRIER_SLACK:-0.02}" <<'PY'
import csv, json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
tie, slack = float(sys.argv[3]), float(sys.argv[4])
# The constant forecast at the training part's conversion rate: the only one knowable at the cut.
with open(sys.argv[2]) as f:
    y = [r["y"].strip().lower() == "yes" for r in csv.DictReader(f, delimiter=";")]
cut = len(y) * 8 // 10
p = sum(y[:cut]) / cut
constant_brier = sum((p - t) ** 2 for t in y[cut:]) / (len(y) - cut)

def mean_sd(v):
    v = [x for x in v if x is not None]
    return statistics.mean(v), (statistics.stdev(v) if len(v) > 1 else 0.0)

keys = ["rank", "auc", "within", "pr_auc", "brier", "lift10", "rolling_auc", "rolling_within",
        "rolling_lift10", "mean_score", "seconds"]
for r in rows:
    r["rank"] = (r["within"] + r["rolling_auc"]) / 2
summary = {}
for recipe in dict.fromkeys(r["recipe"] for r in rows):
    rs = [r for r in rows if r["recipe"] == recipe]
    summary[recipe] = {"n": len(rs), "candidate": rs[0]["candidate"],
                       **{k: mean_sd([r[k] for r in rs]) for k in keys}}
print("\n| model | seeds | " + " | ".join(keys) + " |")
print("|---|---|" + "---|" * len(keys))
for recipe, s in summary.items():
    cells = [f"{s[k][0]:.3f} ± {s[k][1]:.3f}" if k != "seconds" else f"{s[k][0]:.1f}"
             for k in keys]
    print(f"| {recipe} | {s['n']} | " + " | ".join(cells) + " |")
cands = {k: v for k, v in summary.items() if v["candidate"]}
best_brier = min(v["brier"][0] for v in cands.values())
print(f"\nholdout conversion rate {rows[0]['rate']:.4f}; constant forecast at the training rate "
      f"({p:.4f}): Brier {constant_brier:.4f}; "
      f"best candidate Brier {best_brier:.4f}")
kept = {}
for k, v in cands.items():
    b = v["brier"][0]
    if b > constant_brier or b > best_brier + slack:
        print(f"out by the Brier guard: {k} ({b:.4f})")
    else:
        kept[k] = v
top = max(v["rank"][0] for v in kept.values())
tied = {k: v for k, v in kept.items() if v["rank"][0] >= top - tie}
winner = max(tied, key=lambda k: tied[k]["lift10"][0])
print("tied on rank (within {:.3f} of {:.4f}): {}".format(
    tie, top, "; ".join(f"{k} {v['rank'][0]:.4f}, lift@10 % {v['lift10'][0]:.3f}"
                        for k, v in sorted(tied.items(), key=lambda kv: -kv[1]["rank"][0]))))
print(f"winner: {winner}")
PY
