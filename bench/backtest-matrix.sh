#!/usr/bin/env bash
# The time-forward backtest of leadscore's model choices on the bundled UCI training split
# (rows in call-date order): what the model does with the campaign context (exclude / current /
# include) × resampling (none / weight / smote) × depth of depthwise trees (min_child_weight 1,
# the settings before the leaf-wise default). One JSON line per run in
# bench/out/backtest-matrix.jsonl; docs/MODEL.md holds the table.
#   bench/backtest-matrix.sh                 # the whole matrix (27 runs, about 5 minutes on 2 cores)
#   CONTEXTS="exclude current" RESAMPLING=weight DEPTHS=5 bench/backtest-matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LEADSCORE_BIN:-build/leadscore}
data=${DATA:-data/bank-additional-train.csv}
out=bench/out/backtest-matrix.jsonl
export OMP_WAIT_POLICY=passive
mkdir -p bench/out
: > "$out"
for context in ${CONTEXTS:-exclude current include}; do
  for resampling in ${RESAMPLING:-none weight smote}; do
    for depth in ${DEPTHS:-3 5 7}; do
      "$bin" train --data "$data" --backtest --rolling --json --context "$context" \
        --resampling "$resampling" --grow-policy depthwise --max-depth "$depth" \
        --max-leaves 0 --min-child-weight 1 |
        /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); r=j.get("rolling",{}); print(json.dumps({"context":j["context"],"resampling":j["resampling"],"max_depth":j["max_depth"],"auc":round(j["roc_auc"],4),"within":round(j["auc_within_period"],4),"pr_auc":round(j["pr_auc"],4),"brier":round(j["brier"],4),"lift10":round(j["lift_top10"],3),"capture10":round(j["capture_top10"],3),"rolling_auc":round(r.get("mean_roc_auc",0),4),"rolling_within":round(r.get("mean_auc_within_period",0),4),"rolling_lift10":round(r.get("mean_lift_top10",0),3),"seconds":round(j["seconds"],1)}))' |
        tee -a "$out"
    done
  done
done
