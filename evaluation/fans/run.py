"""Ask the copilot every fan question and print scores per kind and in total.

python -m evaluation.fans.run --base-url http://127.0.0.1:8000   # POST /ask per question
python -m evaluation.fans.run --list                              # the items and answers
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from evaluation.fans.items import Item, load_items
from evaluation.fans.scorer import Verdict, score


def ask(base_url: str, question: str, timeout: float) -> tuple[int, dict[str, Any]]:
    """POST /ask {"question": ...}: (HTTP status, JSON body or {})."""
    url = base_url.rstrip("/") + "/ask"
    if urlsplit(url).scheme not in {"http", "https"}:
        raise ValueError(f"not an http(s) URL: {base_url}")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps({"question": question}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        body = {}
    return status, body if isinstance(body, dict) else {}


def _say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def print_items(items: list[Item]) -> None:
    for item in items:
        answer = json.dumps(item.expected, ensure_ascii=False) if item.expected else "(no rows)"
        _say(f"{item.id:7} {item.kind:25} {item.shape:6} {item.question}\n{'':40}-> {answer}")


def run(base_url: str, items: list[Item], timeout: float, verbose: bool) -> int:
    per_kind: dict[str, list[bool]] = defaultdict(list)
    latencies: list[float] = []
    for item in items:
        started = time.perf_counter()
        try:
            status, body = ask(base_url, item.question, timeout)
            verdict = score(item, body.get("rows") or [], body.get("columns"), status)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            verdict = Verdict(False, f"request failed: {exc}")
        latencies.append(time.perf_counter() - started)
        per_kind[item.kind].append(verdict.right)
        if verbose or not verdict.right:
            mark = "ok " if verdict.right else "BAD"
            _say(f"{mark} {item.id:7} {item.question!r}: {verdict.reason}")
    _say()
    _say(f"{'kind':26} right / total")
    for kind in sorted(per_kind):
        marks = per_kind[kind]
        _say(f"{kind:26} {sum(marks):3} / {len(marks):3}  {100 * sum(marks) / len(marks):5.1f} %")
    answered = [m for k, ms in per_kind.items() if k != "refuse" for m in ms]
    refused = per_kind.get("refuse", [])
    total = answered + refused
    if answered:
        _say(
            f"{'answerable':26} {sum(answered):3} / {len(answered):3}  "
            f"{100 * sum(answered) / len(answered):5.1f} %"
        )
    _say(f"{'TOTAL':26} {sum(total):3} / {len(total):3}  {100 * sum(total) / len(total):5.1f} %")
    latencies.sort()
    _say(
        f"latency p50 {1000 * latencies[len(latencies) // 2]:.1f} ms, "
        f"max {1000 * latencies[-1]:.1f} ms"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.fans.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the copilot")
    parser.add_argument("--list", action="store_true", help="print the items, ask nothing")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--id", action="append", dest="ids", help="only these ids (repeatable)")
    parser.add_argument("--prefix", help="only ids starting so (e.g. own: the thirty later items)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per question")
    parser.add_argument("-v", "--verbose", action="store_true", help="print right answers too")
    args = parser.parse_args(argv)
    items = load_items()
    if args.kind:
        items = [i for i in items if i.kind in args.kind]
    if args.ids:
        items = [i for i in items if i.id in args.ids]
    if args.prefix:
        items = [i for i in items if i.id.startswith(args.prefix)]
    if not items:
        sys.stderr.write("no items selected\n")
        return 2
    if args.list:
        print_items(items)
        return 0
    return run(args.base_url, items, args.timeout, args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
