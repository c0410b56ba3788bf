#!/usr/bin/env python3
"""Scores extracted article bodies against the truth of ../shared/corpus/html.

usage: score_html.py TRUTH_DIR PREDICTIONS.jsonl [--worst N] [--json]

PREDICTIONS.jsonl holds one JSON object a line with at least "source" (the page's path; its file
name stem is the page's NAME) and "text". Each page's text and truth become sets of 4-word
shingles (lower-cased, split on white space; a text of fewer than 4 words is one shingle). Per
page: precision = shared / predicted shingles, recall = shared / truth shingles (a side with no
shingles scores 0, or 1 when both are empty). Precision and recall are averaged over the truth's
pages (a page with no prediction scores 0 on both); F1 is the harmonic mean of the two averages,
and "page F1" the average of each page's own F1.
Standard library only.
"""

import argparse
import json
import os
import sys


def shingles(text, n=4):
    words = text.lower().split()
    if not words:
        return set()
    if len(words) < n:
        return {tuple(words)}
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def page_scores(truth_text, predicted_text):
    truth = shingles(truth_text)
    predicted = shingles(predicted_text)
    if not truth and not predicted:
        return 1.0, 1.0
    shared = len(truth & predicted)
    precision = shared / len(predicted) if predicted else 0.0
    recall = shared / len(truth) if truth else 0.0
    return precision, recall


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth_dir")
    parser.add_argument("predictions")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    predicted = {}
    with open(args.predictions, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            name = os.path.splitext(os.path.basename(obj.get("source", "")))[0]
            predicted[name] = obj.get("text") or ""

    rows = []
    for entry in sorted(os.listdir(args.truth_dir)):
        if not entry.endswith(".json"):
            continue
        name = entry[:-len(".json")]
        with open(os.path.join(args.truth_dir, entry), encoding="utf-8") as f:
            truth = json.load(f)
        p, r = page_scores(truth.get("text") or "", predicted.get(name, ""))
        rows.append((name, p, r, f1(p, r), truth.get("url") or ""))
    if not rows:
        print("score_html.py: no truth files in " + args.truth_dir, file=sys.stderr)
        return 2

    n = len(rows)
    precision = sum(row[1] for row in rows) / n
    recall = sum(row[2] for row in rows) / n
    page_f1 = sum(row[3] for row in rows) / n
    worst = sorted(rows, key=lambda row: row[3])[:args.worst]
    missing = sum(1 for row in rows if row[0] not in predicted)
    if args.json:
        print(json.dumps({
            "pages": n, "missing": missing, "precision": precision, "recall": recall,
            "f1": f1(precision, recall), "page_f1": page_f1,
            "worst": [{"name": w[0], "precision": w[1], "recall": w[2], "f1": w[3], "url": w[4]}
                      for w in worst]}))
        return 0
    print(f"pages      {n}" + (f" ({missing} without a prediction)" if missing else ""))
    print(f"precision  {precision:.4f}")
    print(f"recall     {recall:.4f}")
    print(f"F1         {f1(precision, recall):.4f}")
    print(f"page F1    {page_f1:.4f}  (mean of per-page F1)")
    print(f"worst {len(worst)}:")
    for name, p, r, pf, url in worst:
        print(f"  F1 {pf:.3f}  P {p:.3f}  R {r:.3f}  {name[:16]}  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
