"""Ask the copilot every fan question and print scores per kind and in total.

python -m evaluation.fans.run --base-url http://127.0.0.1:8000  # POST /ask per question
python -m evaluation.fans.run --base-url URL1 --base-url URL2    # two copilots, same questions
python -m evaluation.fans.run --list                             # the items and answers
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from evaluation.fans.items import Item, load_items
from evaluation.fans.scorer import Verdict, score

DEFAULT_URL = "http://127.0.0.1:8000"


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


def _say(line: str = "", flush: bool = False) -> None:
    sys.stdout.write(line + "\n")
    if flush:
        sys.stdout.flush()


def print_items(items: list[Item]) -> None:
    for item in items:
        answer = json.dumps(item.expected, ensure_ascii=False) if item.expected else "(no rows)"
        _say(f"{item.id:7} {item.kind:25} {item.shape:6} {item.question}\n{'':40}-> {answer}")


def answer_source(status: int, body: dict[str, Any]) -> str:
    """library, llm (the model's SQL), typed (the model's typed query) or none (no answer)."""
    if status != 200:
        return "none"
    notes = body.get("notes") or []
    if body.get("source") == "llm" and any(n.startswith("the model's typed query") for n in notes):
        return "typed"
    return str(body.get("source"))


def percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values."""
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Tally:
    """One copilot's marks per kind, answer sources and latencies (seconds)."""

    per_kind: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    latencies: list[float] = field(default_factory=list)


def ask_one(
    base_url: str, item: Item, timeout: float, tally: Tally, verbose: bool, label: str = ""
) -> None:
    started = time.perf_counter()
    source = "none"
    try:
        status, body = ask(base_url, item.question, timeout)
        verdict = score(item, body.get("rows") or [], body.get("columns"), status)
        source = answer_source(status, body)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        verdict = Verdict(False, f"request failed: {exc}")
    tally.latencies.append(time.perf_counter() - started)
    tally.per_kind[item.kind].append(verdict.right)
    tally.sources[source] += 1
    if verbose or not verdict.right:
        mark = "ok " if verdict.right else "BAD"
        _say(
            f"{label}{mark} {item.id:7} {1000 * tally.latencies[-1]:8.0f} ms {source:7} "
            f"{item.question!r}: {verdict.reason}",
            flush=True,
        )


def print_tally(base_url: str, tally: Tally) -> None:
    _say()
    _say(f"{base_url}: {'kind':26} right / total")
    for kind in sorted(tally.per_kind):
        marks = tally.per_kind[kind]
        _say(f"{kind:26} {sum(marks):3} / {len(marks):3}  {100 * sum(marks) / len(marks):5.1f} %")
    answered = [m for k, ms in tally.per_kind.items() if k != "refuse" for m in ms]
    total = answered + tally.per_kind.get("refuse", [])
    if not total:
        return
    if answered:
        _say(
            f"{'answerable':26} {sum(answered):3} / {len(answered):3}  "
            f"{100 * sum(answered) / len(answered):5.1f} %"
        )
    _say(f"{'TOTAL':26} {sum(total):3} / {len(total):3}  {100 * sum(total) / len(total):5.1f} %")
    latencies = sorted(tally.latencies)
    _say(f"answers by source {dict(tally.sources)}")
    _say(
        f"latency p50 {1000 * percentile(latencies, 0.5):.1f} ms, "
        f"p95 {1000 * percentile(latencies, 0.95):.1f} ms, max {1000 * latencies[-1]:.1f} ms"
    )


def run(base_urls: list[str], items: list[Item], timeout: float, verbose: bool) -> int:
    """Each question to each copilot in turn (two settings compared on the same questions, e.g. a
    model with and without hints); scores per copilot, also for the questions asked when stopped
    (Ctrl-C / SIGTERM)."""
    tallies = [(url, Tally()) for url in base_urls]
    stopped = False
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for item in items:
            for n, (url, tally) in enumerate(tallies, 1):
                label = f"[{n}] " if len(tallies) > 1 else ""
                ask_one(url, item, timeout, tally, verbose, label)
    except KeyboardInterrupt:
        stopped = True
    finally:
        signal.signal(signal.SIGTERM, previous)
    for n, (url, tally) in enumerate(tallies, 1):
        print_tally(f"[{n}] {url}" if len(tallies) > 1 else url, tally)
    if stopped:
        _say(f"stopped after {len(tallies[0][1].latencies)} of {len(items)} items")
    return 130 if stopped else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.fans.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base-url",
        action="append",
        dest="base_urls",
        help="the copilot (default http://127.0.0.1:8000); repeated: each question to each in turn",
    )
    parser.add_argument("--list", action="store_true", help="print the items, ask nothing")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--id", action="append", dest="ids", help="only these ids (repeatable)")
    parser.add_argument("--prefix", help="only ids starting so (e.g. own: the thirty later items)")
    parser.add_argument(
        "--spread",
        type=int,
        default=1,
        metavar="N",
        help="ask every Nth item first, then the next offset, ...: a run stopped early "
        "(Ctrl-C) has covered the whole set evenly",
    )
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
    if args.spread > 1:
        items = [item for start in range(args.spread) for item in items[start :: args.spread]]
    if not items:
        sys.stderr.write("no items selected\n")
        return 2
    if args.list:
        print_items(items)
        return 0
    return run(args.base_urls or [DEFAULT_URL], items, args.timeout, args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
