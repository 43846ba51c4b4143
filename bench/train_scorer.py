"""Train the learned line scorer (cleaner/linescorer.json) on a benchmark folder.

Usage:
    python bench/train_scorer.py DATASET_DIR [--folds 5] [--out cleaner/linescorer.json]
                                 [--trees 150] [--depth 3] [--rate 0.1] [--no-write]

DATASET_DIR holds input/ID.txt (dumps) and gold/ID.txt (article bodies), as
for bench/quality.py. Needs scikit-learn (training only; the cleaner reads the
trees in plain Python): pip install scikit-learn.

Each non-blank line that no rule removed is one example. Its label says
whether the line is article text: at least half of its 4-token shingles occur
in the gold body (a line of fewer than 4 tokens: its tokens occur in a row
in the gold). Examples are weighted by the line's length, as the measure is.

The figures reported, and written into the model file, are cross-validated
by document: the documents are split into folds, a model is trained on the
other folds, and the whole cleaner, with that model, cleans the held-out
documents, which are scored with the benchmark's measure (--no-title, as the
gold has no titles). The training F1 is never reported.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from quality import SHINGLE_SIZE, TOKEN, corpus_prf, load_documents, score_document  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner import scorer  # noqa: E402
from cleaner.annotate import annotate_lines  # noqa: E402
from cleaner.decide import model_rows  # noqa: E402
from cleaner.document import segment  # noqa: E402
from cleaner.language import stopwords  # noqa: E402
from cleaner.pipeline import get_rules  # noqa: E402

# A line is article text when at least this share of its shingles is in the gold.
LABEL_MIN_SHARE = 0.5


def gold_index(gold: str) -> tuple[set[tuple[str, ...]], str]:
    tokens = TOKEN.findall(gold)
    grams = {tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)}
    return grams, " " + " ".join(tokens) + " "


def label(text: str, grams: set[tuple[str, ...]], joined: str) -> int:
    tokens = TOKEN.findall(text)
    if not tokens:
        return 0
    if len(tokens) < SHINGLE_SIZE:
        return int(" " + " ".join(tokens) + " " in joined)
    own = [tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)]
    return int(sum(g in grams for g in own) >= LABEL_MIN_SHARE * len(own))


def examples(document) -> tuple[list[list[float]], list[int], list[float]]:
    """Feature rows, labels and weights of the document's candidate lines: of
    the dump, and of the heuristic's output, which is what the cleaner's
    second pass (the fixed point) sees: an article with little around it."""
    X, y, w = examples_of(document.page.text, document.gold)
    with scorer.using(None):
        output = clean(document.page.text).text
    X2, y2, w2 = examples_of(output, document.gold)
    return X + X2, y + y2, w + w2


def examples_of(text: str, gold: str) -> tuple[list[list[float]], list[int], list[float]]:
    with scorer.using(None):
        language = clean(text).language
    stoplist = stopwords(language) if language else frozenset()
    evidence = annotate_lines(segment(text), get_rules(), stoplist, language).lines
    indices, rows, candidate = model_rows(evidence, language is not None)
    grams, joined = gold_index(gold)
    X, y, w = [], [], []
    for i, row, keep in zip(indices, rows, candidate):
        if keep:
            X.append(row)
            y.append(label(evidence[i].line.text, grams, joined))
            w.append(math.log1p(evidence[i].features.words) + 1.0)
    return X, y, w


def fit(X, y, w, args) -> scorer.Trees:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=args.trees, max_depth=args.depth, learning_rate=args.rate,
        subsample=0.8, random_state=0,
    )
    model.fit(X, y, sample_weight=w)
    return to_trees(model)


def to_trees(model) -> scorer.Trees:
    """sklearn's trees as the flat arrays scorer.Trees walks."""
    prior = model.init_.class_prior_[1]
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append({
            "feature": [int(f) for f in t.feature],
            "threshold": [round(float(v), 6) for v in t.threshold],
            "left": [int(v) for v in t.children_left],
            "right": [int(v) for v in t.children_right],
            "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
        })
    return scorer.Trees(scorer.feature_names(), math.log(prior / (1 - prior)),
                        model.learning_rate, trees, {})


def evaluate(documents, model: scorer.Trees | None) -> list:
    with scorer.using(model):
        return [score_document(d.page.doc_id, d.gold, clean(d.page.text, include_title=False).text)
                for d in documents]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation (quick trials)")
    parser.add_argument("--trees", type=int, default=150)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--out", type=Path, default=scorer.MODEL_PATH)
    parser.add_argument("--no-write", action="store_true", help="report the CV figures only")
    args = parser.parse_args(argv)

    started = time.time()
    documents = load_documents(args.dataset, None)
    data = [examples(d) for d in documents]
    print(f"{len(documents)} documents, {sum(len(x) for x, _, _ in data)} candidate lines",
          file=sys.stderr)

    # Folds by document: every document is held out exactly once.
    if args.folds < 2:
        return write_model(args, documents, data, None)
    held_out_scores = []
    for fold in range(args.folds):
        train = [k for k in range(len(documents)) if k % args.folds != fold]
        test = [documents[k] for k in range(len(documents)) if k % args.folds == fold]
        X = [row for k in train for row in data[k][0]]
        y = [v for k in train for v in data[k][1]]
        w = [v for k in train for v in data[k][2]]
        held_out_scores += evaluate(test, fit(X, y, w, args))
        print(f"fold {fold + 1}/{args.folds} done", file=sys.stderr)
    cv = corpus_prf(held_out_scores)
    heuristic = corpus_prf(evaluate(documents, None))
    print(f"heuristic alone:          P {heuristic[0]:.3f} R {heuristic[1]:.3f} F1 {heuristic[2]:.3f}")
    print(f"{args.folds}-fold CV by document:  P {cv[0]:.3f} R {cv[1]:.3f} F1 {cv[2]:.3f}")

    if not args.no_write:
        write_model(args, documents, data, cv)
    print(f"{time.time() - started:.0f} s", file=sys.stderr)
    return 0


def write_model(args, documents, data, cv) -> int:
    """Train on every document and write the model file, with the CV figures."""
    X = [row for x, _, _ in data for row in x]
    y = [v for _, labels, _ in data for v in labels]
    w = [v for _, _, weights in data for v in weights]
    final = fit(X, y, w, args)
    cross_validation = None if cv is None else {
        "folds": args.folds, "by": "document", "precision": round(cv[0], 4),
        "recall": round(cv[1], 4), "f1": round(cv[2], 4),
    }
    info = {
        "trained_on": f"{len(documents)} documents of {args.dataset.name}",
        "cross_validation": cross_validation,
        "params": {"trees": args.trees, "depth": args.depth, "rate": args.rate, "subsample": 0.8},
        "label": f"line has >= {LABEL_MIN_SHARE} of its {SHINGLE_SIZE}-token shingles in the gold body",
    }
    payload = {"features": final.features, "base": final.base, "rate": final.rate,
               "info": info, "trees": final.trees}
    args.out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
