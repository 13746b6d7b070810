"""The console entry point (``aligner``) and ``python -m aligner``: the command line of ``aligner.cli``."""

from __future__ import annotations


def main() -> None:
    from aligner.cli import main as run

    run()


if __name__ == "__main__":
    main()
