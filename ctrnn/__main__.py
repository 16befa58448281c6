"""Command line: ``python -m ctrnn audit [--json] [--chapter KEY]``."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ctrnn")
    sub = parser.add_subparsers(dest="command", required=True)
    audit_p = sub.add_parser("audit", help="run every check and print the verdicts")
    audit_p.add_argument("--json", action="store_true", help="print a JSON list")
    audit_p.add_argument("--chapter", default=None, help="only one chapter's items")
    args = parser.parse_args(argv)

    from . import audit
    verdicts = audit.run_all(args.chapter, workers=audit.default_workers())
    if args.json:
        print(audit.to_json(verdicts))
    else:
        width = max(len(v.equation) for v in verdicts)
        for v in verdicts:
            print(f"{v.equation:>{width}}  {v.section:<3} {v.verdict:<11} {v.summary}")
        c = audit.counts(verdicts)
        print("  ".join(f"{k}: {n}" for k, n in c.items()))
    failed = [v.equation for v in verdicts if v.verdict == "failed"]
    if failed:
        print(f"audit checks that raised: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
