"""`explainer-sim`: run one scenario of the nerve model headless and print JSON or CSV."""

import sys


def main() -> int:
    print("explainer-sim: model not available yet", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
