"""Command line: python -m bench --pairs N[,N...] [--runs K] [--profile] [--no-live] ..."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.run import DEFAULT_OUT, DEFAULT_SEED, main, parse_sizes
from bench.tools import NAMES, OUR_SETTINGS


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--pairs",
        default="100",
        help="bilingual release pairs, or several sizes measured in turn: 100,1000,5000 (default 100)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"work directory (default {DEFAULT_OUT})"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument(
        "--tools", default=",".join(NAMES), help="comma-separated subset of " + ",".join(NAMES)
    )
    parser.add_argument(
        "--settings", type=Path, default=OUR_SETTINGS, help="our build's settings file"
    )
    parser.add_argument("--profile", action="store_true", help="also profile our build by phase")
    parser.add_argument(
        "--media", action="store_true", help="also measure press_media (photos), cold and warm"
    )
    parser.add_argument(
        "--no-live",
        action="store_true",
        help="leave out the live preview, whose first build is one more cold build (large sizes)",
    )
    return parser.parse_args(argv)


def cli(argv: list[str] | None = None) -> None:
    """Run the benchmark as the command line asks."""
    args = parse(argv)
    tools = tuple(name for name in args.tools.split(",") if name)
    unknown = set(tools) - set(NAMES)
    try:
        sizes = parse_sizes(args.pairs)
    except ValueError as error:
        raise SystemExit(f"bench: {error}") from None
    if unknown or args.runs < 1:
        raise SystemExit(f"bench: need --runs >= 1, --tools among {','.join(NAMES)}")
    main(
        sizes,
        args.runs,
        args.out,
        seed=args.seed,
        tools=tools,
        settings=args.settings,
        profile=args.profile,
        media=args.media,
        **({"live": ()} if args.no_live else {}),
    )


if __name__ == "__main__":
    cli()
