"""``python -m question_bank <command>``: library commands that need no database."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a sub-command (only ``generate`` for now)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m question_bank generate FILE... [--format json|text] "
              "[--band 8-11|11-14] [--seed N] [--limit N] [--include-rejected]")  # fmt: skip
        return 0 if args else 2
    if args[0] != "generate":
        print(f"error: unknown command {args[0]!r} (expected 'generate')", file=sys.stderr)
        return 2
    from question_bank.cli_generate import main as generate_main

    return generate_main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
