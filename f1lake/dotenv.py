"""The one reader of the `.env` file: the services' settings (f1lake.settings) and the Makefile
(`python3 -m f1lake.dotenv NAME DEFAULT`, before any virtualenv exists) both read it here.

Standard library only. The syntax is python-dotenv's for what a settings file holds:
`KEY=value`, `export KEY=value`, 'single' and "double" quoted values with their escapes,
`# comments` (after a space in a bare value), ${NAME} and ${NAME:-default} expanded (a test holds
it to python-dotenv's `dotenv_values`, what pydantic-settings would otherwise use).
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=[^\S\r\n]*(.*)$")
_QUOTED = {"'": re.compile(r"'((?:\\.|[^'\\])*)'"), '"': re.compile(r'"((?:\\.|[^"\\])*)"')}
_ESCAPE = {"'": re.compile(r"\\[\\']"), '"': re.compile(r"\\[\\'\"abfnrtv]")}
_VARIABLE = re.compile(r"\$\{([^}:]*)(?::-([^}]*))?\}")


def _value(raw: str) -> str:
    """The value after `=`: quoted (escapes decoded) or bare (a ` # comment` cut off)."""
    quote = raw[:1]
    if quote in _QUOTED and (match := _QUOTED[quote].match(raw)):
        return _ESCAPE[quote].sub(lambda m: codecs.decode(m.group(0), "unicode-escape"), match[1])
    return re.sub(r"\s+#.*", "", raw).rstrip()


def read_dotenv(path: Path, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The KEY -> value pairs of a .env file ({} when there is none); the last one wins, and
    ${NAME} / ${NAME:-default} take the file's earlier keys, then the environment."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return {}
    environ = os.environ if environ is None else environ
    values: dict[str, str] = {}
    for line in text.splitlines():
        if match := _LINE.match(line):
            values[match[1]] = _expand(_value(match[2]), {**environ, **values})
    return values


def _expand(value: str, known: Mapping[str, str]) -> str:
    """${NAME} and ${NAME:-default} replaced from `known` (unknown: the default, or "")."""
    return _VARIABLE.sub(lambda m: known.get(m[1], m[2] or ""), value)


def main(argv: list[str]) -> int:
    """`python3 -m f1lake.dotenv NAME [DEFAULT]`: NAME's value in ./.env, else DEFAULT."""
    if not 1 <= len(argv) <= 2:
        sys.stderr.write("usage: python3 -m f1lake.dotenv NAME [DEFAULT]\n")
        return 2
    value = read_dotenv(Path(".env")).get(argv[0], "")
    sys.stdout.write((value or (argv[1] if len(argv) == 2 else "")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
