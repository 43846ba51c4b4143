"""The scorer's vectorised tree evaluation against a plain walk of the flat
arrays, on models of any shape: unbalanced trees, single leaves, two stages."""

import math
import random

from cleaner import scorer


def walk(tree: dict, row: list[float]) -> float:
    """One tree, one row, as sklearn's flat arrays read."""
    node = 0
    while tree["left"][node] >= 0:
        go_left = row[tree["feature"][node]] <= tree["threshold"][node]
        node = tree["left"][node] if go_left else tree["right"][node]
    return tree["value"][node]


def plain_probability(model: scorer.Trees, row: list[float]) -> float:
    total = 0.0
    for tree in model.trees:
        total += walk(tree, row)
    total = model.base + model.rate * total
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


def random_tree(rng: random.Random, width: int, max_depth: int) -> dict:
    """A tree in sklearn's depth-first flat layout, leaves at random depths."""
    tree = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}

    def grow(depth: int) -> int:
        node = len(tree["left"])
        for key, values in tree.items():
            values.append(-2 if key in ("feature", "threshold") else -1)
        tree["value"][node] = rng.uniform(-2, 2)
        if depth < max_depth and rng.random() < 0.7:
            tree["feature"][node] = rng.randrange(width)
            tree["threshold"][node] = round(rng.uniform(-1, 1), 6)
            tree["left"][node] = grow(depth + 1)
            tree["right"][node] = grow(depth + 1)
        return node

    grow(0)
    return tree


def random_model(rng: random.Random, width: int, second: scorer.Trees | None = None) -> scorer.Trees:
    trees = [random_tree(rng, width, rng.randint(0, 6)) for _ in range(rng.randint(1, 40))]
    return scorer.Trees([f"f{k}" for k in range(width)], rng.uniform(-1, 1), 0.1, trees, {}, second)


def test_forest_matches_a_plain_walk_of_every_tree():
    rng = random.Random(7)
    for _ in range(20):
        width = rng.randint(1, 12)
        model = random_model(rng, width)
        # Thresholds are hit exactly now and then: <= must send those left.
        rows = [[rng.choice([rng.uniform(-1.5, 1.5), 0.0, math.nan]) for _ in range(width)]
                for _ in range(rng.randint(1, 30))]
        for tree in model.trees:
            for node, threshold in enumerate(tree["threshold"]):
                if tree["left"][node] >= 0 and rng.random() < 0.2:
                    rows[0][tree["feature"][node]] = threshold
        hits = [rng.random() < 0.3 for _ in rows]
        expected = [0.0 if hit else plain_probability(model, row) for row, hit in zip(rows, hits)]
        assert model.probabilities(rows, hits) == expected


def test_second_stage_rereads_the_first_stage_scores():
    rng = random.Random(11)
    width = 5
    first_stage = random_model(rng, width)
    second = random_model(rng, width + 1 + len(scorer.CONTEXT_OFFSETS) + 3)
    model = scorer.Trees(first_stage.features, first_stage.base, first_stage.rate,
                         first_stage.trees, {}, second)
    rows = [[rng.uniform(-1, 1) for _ in range(width)] for _ in range(9)]
    hits = [False, True] + [False] * 7
    first = [0.0 if hit else plain_probability(first_stage, row) for row, hit in zip(rows, hits)]
    expected = [plain_probability(second, row) for row in scorer.context_rows(rows, first)]
    assert model.probabilities(rows, hits) == expected


def test_no_rows_no_scores():
    model = random_model(random.Random(3), 4)
    assert model.probabilities([], []) == []


def test_rows_scored_in_pieces_score_as_one(monkeypatch):
    rng = random.Random(13)
    model = random_model(rng, 6)
    rows = [[rng.uniform(-1.5, 1.5) for _ in range(6)] for _ in range(20)]
    hits = [k % 5 == 0 for k in range(20)]
    whole = model.probabilities(rows, hits)
    monkeypatch.setattr(scorer, "ROWS_AT_ONCE", 3)
    assert model.probabilities(rows, hits) == whole
    assert whole == [0.0 if hit else plain_probability(model, row) for row, hit in zip(rows, hits)]
