#!/usr/bin/python3
"""The seed's own recipe on leadscore's time-forward backtest, as a side-by-side anchor.

Recipe: pandas load; drop `duration` (known only after the call); one-hot (pd.get_dummies) the
categorical columns; SMOTE (imbalanced-learn, random_state=seed) on the training part;
HistGradientBoostingClassifier (scikit-learn, random_state=seed, defaults otherwise);
predict_proba on the test part.

Backtest, defined as `leadscore train --backtest` defines it:
  holdout  rows in file order (call-date order); cut = floor(n * 0.8); train = [0, cut),
           test = [cut, n). Refused (exit 2) if either part has fewer than 40 yes or 40 no.
  rolling  (when `month` exists) maximal runs of consecutive rows with the same month; walking
           back from the last run, a run qualifies when the rows before it hold >= 40 yes and
           >= 40 no and the run holds both outcomes; the last 6 qualifying runs, in date order.
           Each fold trains on every row before its run and tests on the run.
  metrics  ROC AUC (Mann-Whitney, ties count half), PR AUC (average precision), Brier, lift and
           capture in the top 10/20/30 % (ceil(k% * n) rows by score, ties in input order), the
           mean forecast beside the test part's conversion rate, and
           AUC within period: the ROC AUC of each group of test rows sharing the campaign-context
           values (month, day_of_week / day, the five indicators) that holds both outcomes,
           weighted by the group's rows. The period key always comes from the original columns.

Run with /usr/bin/python3 (Debian: python3-pandas python3-sklearn python3-imblearn), e.g.
  /usr/bin/python3 bench/seed_recipe_backtest.py --context exclude --rolling --json
"""

import argparse
import json
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Campaign-context columns, in both UCI layouts (bank-additional: month, day_of_week and the five
# indicators; bank-full: day and month).
CONTEXT_COLUMNS = ["month", "day_of_week", "day", "emp.var.rate", "cons.price.idx",
                   "cons.conf.idx", "euribor3m", "nr.employed"]
MIN_CLASS = 40          # each training/test part needs this many yes and this many no
ROLLING_FOLDS = 6
TOPS = (10, 20, 30)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default=os.path.join(REPO, "data", "bank-additional-train.csv"),
                   help="UCI Bank Marketing CSV, ';'-separated (default: %(default)s)")
    p.add_argument("--context", choices=["include", "exclude"], default="include",
                   help="keep or drop the campaign-context columns as features")
    p.add_argument("--rolling", action="store_true", help="also run the rolling monthly folds")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=1, help="OpenMP threads (default 1)")
    return p.parse_args()


args = parse_args()
# Before numpy / scikit-learn are imported, so that their thread pools take it.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from imblearn.over_sampling import SMOTE  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from scipy.stats import rankdata  # noqa: E402


class Refused(Exception):
    pass


# ---------------------------------------------------------------- metrics

def roc_auc(y, s):
    """Mann-Whitney U / (pos * neg); tied scores count half (average ranks)."""
    y = np.asarray(y, dtype=bool)
    pos = int(y.sum())
    neg = len(y) - pos
    if pos == 0 or neg == 0:
        return None
    ranks = rankdata(s, method="average")
    u = ranks[y].sum() - pos * (pos + 1) / 2.0
    return float(u / (pos * neg))


def top_count(n, k):
    """ceil(k% * n), in integers."""
    return (k * n + 99) // 100


def lift_capture(y, s, k):
    y = np.asarray(y, dtype=np.int64)
    n = len(y)
    total = int(y.sum())
    m = top_count(n, k)
    order = np.argsort(-np.asarray(s, dtype=np.float64), kind="stable")
    hits = int(y[order[:m]].sum())
    if total == 0 or m == 0:
        return None, None
    lift = (hits / m) / (total / n)
    capture = hits / total
    return float(lift), float(capture)


def within_period(y, s, keys):
    """Row-weighted mean of the ROC AUC of each period (key) with both outcomes."""
    frame = pd.DataFrame({"y": np.asarray(y), "s": np.asarray(s), "k": np.asarray(keys)})
    total, rows, periods = 0.0, 0, 0
    for _, g in frame.groupby("k", sort=False):
        a = roc_auc(g["y"].to_numpy(), g["s"].to_numpy())
        if a is None:
            continue
        total += a * len(g)
        rows += len(g)
        periods += 1
    return (total / rows if rows else None), periods, rows


def metrics(y, s, keys):
    y = np.asarray(y, dtype=np.int64)
    s = np.asarray(s, dtype=np.float64)
    out = {
        "roc_auc": roc_auc(y, s),
        "pr_auc": float(average_precision_score(y, s)),
        "brier": float(np.mean((s - y) ** 2)),
        "mean_score": float(np.mean(s)),      # beside the rate: why the Brier is what it is
        "positive_rate": float(np.mean(y)),
    }
    for k in TOPS:
        lift, capture = lift_capture(y, s, k)
        out[f"lift_top{k}"] = lift
        out[f"capture_top{k}"] = capture
    auc_w, periods, period_rows = within_period(y, s, keys)
    out["auc_within_period"] = auc_w
    out["periods"] = periods
    out["period_rows"] = period_rows
    return out


# ---------------------------------------------------------------- data and recipe

def load(path, context):
    raw = pd.read_csv(path, sep=";")
    raw.columns = [c.strip() for c in raw.columns]
    if "y" not in raw.columns:
        raise Refused(f"{path}: no `y` column")
    y = raw["y"].astype(str).str.strip().str.lower().map({"yes": 1, "no": 0})
    if y.isna().any():
        raise Refused(f"{path}: `y` must be yes or no on every row")
    present = [c for c in CONTEXT_COLUMNS if c in raw.columns]
    # Period key from the original columns, whatever --context drops from the features.
    if present:
        keys = raw[present].astype(str).agg("|".join, axis=1).to_numpy()
    else:
        keys = np.zeros(len(raw), dtype=np.int64).astype(str)
    months = raw["month"].astype(str).to_numpy() if "month" in raw.columns else None

    features = raw.drop(columns=["y"] + (["duration"] if "duration" in raw.columns else []))
    if context == "exclude":
        features = features.drop(columns=present)
    categorical = [c for c in features.columns if features[c].dtype == object]
    x = pd.get_dummies(features, columns=categorical).astype(np.float64).to_numpy()
    return x, y.to_numpy(dtype=np.int64), keys, months, present


def check_part(name, y):
    yes = int(y.sum())
    no = len(y) - yes
    if yes < MIN_CLASS or no < MIN_CLASS:
        raise Refused(f"the {name} part has {yes} yes and {no} no; the backtest needs at least "
                      f"{MIN_CLASS} of each")


def fit_predict(x_train, y_train, x_test, seed):
    xs, ys = SMOTE(random_state=seed).fit_resample(x_train, y_train)
    model = HistGradientBoostingClassifier(random_state=seed)
    model.fit(xs, ys)
    return model.predict_proba(x_test)[:, 1]


def evaluate(x, y, keys, train, test, seed):
    t0 = time.perf_counter()
    s = fit_predict(x[train], y[train], x[test], seed)
    seconds = time.perf_counter() - t0
    out = {"n_train": int(len(y[train])), "n_test": int(len(y[test]))}
    out.update(metrics(y[test], s, keys[test]))
    out["seconds"] = round(seconds, 3)
    return out


def holdout(x, y, keys, seed):
    n = len(y)
    cut = (n * 8) // 10          # floor(n * 0.8)
    train, test = slice(0, cut), slice(cut, n)
    check_part("training", y[train])
    check_part("test", y[test])
    return evaluate(x, y, keys, train, test, seed)


def month_runs(months):
    runs, start = [], 0
    for i in range(1, len(months) + 1):
        if i == len(months) or months[i] != months[start]:
            runs.append((start, i))
            start = i
    return runs


def rolling(x, y, keys, months, seed):
    chosen = []
    for start, end in reversed(month_runs(months)):
        if len(chosen) == ROLLING_FOLDS:
            break
        before = y[:start]
        yes_before = int(before.sum())
        if yes_before < MIN_CLASS or len(before) - yes_before < MIN_CLASS:
            continue
        run_yes = int(y[start:end].sum())
        if run_yes == 0 or run_yes == end - start:
            continue
        chosen.append((start, end))
    chosen.reverse()
    folds = []
    for start, end in chosen:
        fold = {"month": str(months[start]), "first_row": start}
        fold.update(evaluate(x, y, keys, slice(0, start), slice(start, end), seed))
        folds.append(fold)

    def mean(key):
        vals = [f[key] for f in folds if f[key] is not None]
        return float(np.mean(vals)) if vals else None

    return {"folds": folds, "mean_roc_auc": mean("roc_auc"),
            "mean_auc_within_period": mean("auc_within_period"),
            "mean_lift_top10": mean("lift_top10")}


# ---------------------------------------------------------------- output

def fmt(v, digits=3):
    return "-" if v is None else f"{v:.{digits}f}"


def print_text(result):
    h = result["holdout"]
    print(f"seed recipe: {result['recipe']}")
    print(f"data: {result['data']}  context: {result['context']}  seed: {result['seed']}  "
          f"threads: {result['threads']}")
    print(f"context columns in the data: {', '.join(result['context_columns']) or 'none'}")
    print()
    print(f"holdout (first 80 % of rows -> last 20 %): train {h['n_train']}, test {h['n_test']}, "
          f"{h['seconds']:.1f} s")
    print(f"  ROC AUC            {fmt(h['roc_auc'])}")
    print(f"  AUC within period  {fmt(h['auc_within_period'])}  "
          f"({h['periods']} periods, {h['period_rows']} rows)")
    print(f"  PR AUC             {fmt(h['pr_auc'])}")
    print(f"  Brier              {fmt(h['brier'], 4)}")
    print("  top    lift  capture")
    for k in TOPS:
        print(f"  {k:>2} %  {fmt(h[f'lift_top{k}'], 2):>5}  {fmt(h[f'capture_top{k}']):>7}")
    r = result["rolling"]
    if r is None:
        return
    print()
    if not r["folds"]:
        print("rolling: no qualifying month")
        return
    print("rolling (train on every earlier row, test on one month run):")
    print(f"  {'month':<5} {'row':>6} {'train':>6} {'test':>5} {'AUC':>6} {'within':>6} "
          f"{'periods':>7} {'PR AUC':>6} {'Brier':>6} {'lift10':>6} {'capt10':>6}")
    for f in r["folds"]:
        print(f"  {f['month']:<5} {f['first_row']:>6} {f['n_train']:>6} {f['n_test']:>5} "
              f"{fmt(f['roc_auc']):>6} {fmt(f['auc_within_period']):>6} {f['periods']:>7} "
              f"{fmt(f['pr_auc']):>6} {fmt(f['brier'], 4):>6} {fmt(f['lift_top10'], 2):>6} "
              f"{fmt(f['capture_top10']):>6}")
    print(f"  mean ROC AUC {fmt(r['mean_roc_auc'])}, AUC within period "
          f"{fmt(r['mean_auc_within_period'])}, lift@10 % {fmt(r['mean_lift_top10'], 2)}")


def main():
    try:
        x, y, keys, months, present = load(args.data, args.context)
        result = {
            "recipe": "drop duration; get_dummies; SMOTE; HistGradientBoostingClassifier",
            "data": os.path.relpath(os.path.abspath(args.data), REPO)
            if os.path.abspath(args.data).startswith(REPO + os.sep) else args.data,
            "context": args.context,
            "context_columns": present,
            "seed": args.seed,
            "threads": args.threads,
            "holdout": holdout(x, y, keys, args.seed),
            "rolling": None,
        }
        if args.rolling:
            if months is None:
                print("seed_recipe_backtest: no `month` column, so no rolling folds",
                      file=sys.stderr)
            else:
                result["rolling"] = rolling(x, y, keys, months, args.seed)
    except Refused as e:
        print(f"seed_recipe_backtest: {e}", file=sys.stderr)
        return 2
    except (OSError, pd.errors.ParserError) as e:
        print(f"seed_recipe_backtest: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_text(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
