"""Split a release file into YAML front matter and body; load YAML as plain text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML."""


# libyaml's parser when PyYAML was built with it (10x faster); the same rules either way.
SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextLoader(SafeBase):
    """Safe loader that keeps every scalar as the text typed.

    YAML 1.1 turns `no` into False, `0123` into 83 and `10:30` into 630;
    communications staff never mean that, so no implicit typing happens here
    and the schema parses dates and checks values itself.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:
        """Build a mapping, refusing a key given twice."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ConstructorError(
                    None, None, f'field "{key}" is given twice', key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class SplitFile:
    """A release file cut into its parts."""

    meta: dict[str, Any]
    body: str


def split(text: str) -> SplitFile:
    """Cut text into front matter (loaded) and Markdown body."""
    yaml_text, body = cut(text)
    return SplitFile(load(yaml_text), body)


def cut(text: str) -> tuple[str, str]:
    """Cut text into the front matter's YAML text and the Markdown body, loading nothing."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError("the file must start with a line of three dashes (---)")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:number]), "".join(lines[number + 1 :])
    raise FrontMatterError("no closing line of three dashes (---) after the front matter")


def parse_yaml(yaml_text: str, first_line: int = 1) -> Any:
    """Parse YAML text as plain values; first_line numbers its first line."""
    try:
        return yaml.load(yaml_text, Loader=TextLoader)  # noqa: S506 - safe subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + first_line}, column {mark.column + 1}" if mark else ""
        raise FrontMatterError(
            f"invalid YAML{where}: {_plain(error.problem or '', _at(yaml_text, mark))}"
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML: {error}") from None


def load(yaml_text: str) -> dict[str, Any]:
    """Load front matter text (which starts on the file's line 2) into a mapping."""
    data = parse_yaml(yaml_text, first_line=2)
    if data is None or data == "":
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("the front matter must be a list of `field: value` lines")
    return data


def _at(text: str, mark: yaml.Mark | None) -> str:
    """Return the character a parser error points at."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _plain(problem: str, char: str) -> str:
    """Say the YAML mistakes staff make most in their words, the same with or without libyaml."""
    if problem.startswith("mapping values are not allowed"):
        return 'a value that contains ": " must be in quotes, like title: "Paris : bilan"'
    if char == "\t":
        return "indent with spaces, not tabs"
    return problem
