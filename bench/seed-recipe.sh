#!/usr/bin/env bash
# The seed's own recipe (pandas, get_dummies, SMOTE, scikit-learn HistGradientBoostingClassifier)
# on leadscore's time-forward backtest, as an anchor beside `leadscore train --backtest`.
# Runs bench/seed_recipe_backtest.py with the campaign-context columns included and excluded,
# holdout and rolling monthly folds each, on one thread, and prints both reports.
# Takes a couple of minutes on 2 cores. Needs /usr/bin/python3 with pandas, scikit-learn and
# imbalanced-learn (Debian: python3-pandas python3-sklearn python3-imblearn).
# Usage: bench/seed-recipe.sh [DATA_CSV] [extra seed_recipe_backtest.py flags, e.g. --json]
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
data=${1:-data/bank-additional-train.csv}
shift || true

if ! "$python" -c 'import pandas, sklearn, imblearn' 2>/dev/null; then
  echo "seed-recipe: $python cannot import pandas, sklearn and imblearn." >&2
  echo "  install them with: sudo apt-get install python3-pandas python3-sklearn python3-imblearn" >&2
  echo "  (or scripts/install-deps.sh)" >&2
  exit 1
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
"$python" -c 'import pandas, sklearn, imblearn; print(f"pandas {pandas.__version__}, scikit-learn {sklearn.__version__}, imbalanced-learn {imblearn.__version__}")'
for context in include exclude; do
  echo
  echo "== context $context"
  "$python" bench/seed_recipe_backtest.py --data "$data" --context "$context" --rolling \
    --threads 1 "$@"
done
