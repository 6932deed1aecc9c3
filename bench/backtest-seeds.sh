#!/usr/bin/env bash
# leadscore's default model beside the seed's recipe (bench/seed_recipe_backtest.py, context
# included and excluded) on the time-forward backtest, over several random seeds: one holdout is
# one period of about 5,000 calls, and a single seed moves its ROC AUC by about ±0.015, so the
# comparison is of means. Prints one JSON line per run and a table of mean ± sd per recipe.
#   bench/backtest-seeds.sh                  # seeds 1 2 3
#   SEEDS="1 2 3 4 5" bench/backtest-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LEADSCORE_BIN:-build/leadscore}
data=${DATA:-data/bank-additional-train.csv}
python=/usr/bin/python3
out=bench/out/backtest-seeds.jsonl
mkdir -p bench/out
: > "$out"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
for seed in ${SEEDS:-1 2 3}; do
  "$bin" train --data "$data" --backtest --rolling --json --seed "$seed" |
    "$python" -c 'import json,sys; j=json.load(sys.stdin); r=j.get("rolling",{}); print(json.dumps({"recipe":"leadscore default","seed":int(sys.argv[1]),"auc":j["roc_auc"],"within":j["auc_within_period"],"pr_auc":j["pr_auc"],"brier":j["brier"],"lift10":j["lift_top10"],"rolling_auc":r.get("mean_roc_auc"),"rolling_within":r.get("mean_auc_within_period")}))' "$seed" | tee -a "$out"
  for context in include exclude; do
    "$python" bench/seed_recipe_backtest.py --data "$data" --context "$context" --rolling --json \
      --threads 1 --seed "$seed" |
      "$python" -c 'import json,sys; j=json.load(sys.stdin); h=j["holdout"]; r=j.get("rolling") or {}; print(json.dumps({"recipe":"seed recipe, context "+sys.argv[2],"seed":int(sys.argv[1]),"auc":h["roc_auc"],"within":h["auc_within_period"],"pr_auc":h["pr_auc"],"brier":h["brier"],"lift10":h["lift_top10"],"rolling_auc":r.get("mean_roc_auc"),"rolling_within":r.get("mean_auc_within_period")}))' "$seed" "$context" | tee -a "$out"
  done
done
"$python" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
keys = ["auc", "within", "pr_auc", "brier", "lift10", "rolling_auc", "rolling_within"]
print("\n| recipe | seeds | " + " | ".join(keys) + " |")
print("|---|---|" + "---|" * len(keys))
for recipe in dict.fromkeys(r["recipe"] for r in rows):
    rs = [r for r in rows if r["recipe"] == recipe]
    cells = []
    for k in keys:
        v = [r[k] for r in rs if r[k] is not None]
        sd = statistics.stdev(v) if len(v) > 1 else 0.0
        cells.append(f"{statistics.mean(v):.3f} ± {sd:.3f}")
    print(f"| {recipe} | {len(rs)} | " + " | ".join(cells) + " |")
PY
